/**
 * What a person typed as the private endpoint's URL, checked before it is stored: http or
 * https, no `user:password@` (a token belongs in secret storage, not in a settings file),
 * no query or fragment; a trailing `/` or `/v1` is accepted and stripped (Tandem adds the
 * routes itself).
 */
export type EndpointCheck = { ok: true; url: string } | { ok: false; message: string };

export function checkEndpointUrl(input: string): EndpointCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Enter the endpoint\'s root URL, e.g. http://tgi.internal:8080 or http://127.0.0.1:11434.' };
  // "tgi.internal:8080" parses as a URL with the scheme "tgi.internal:": say what is missing.
  if (!text.includes('://') && /^[\w.-]+(:\d+)?(\/|$)/.test(text)) return { ok: false, message: `Add the scheme: http://${text}` };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, message: 'That is not a URL. Example: http://tgi.internal:8080' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, message: `Use http:// or https://, not ${u.protocol}//.` };
  if (u.username || u.password) {
    return { ok: false, message: 'Leave credentials out of the URL (they would sit in a settings file): store the token with "Tandem: Set Hugging Face Token".' };
  }
  if (u.search || u.hash) return { ok: false, message: 'Give the endpoint\'s root URL without "?…" or "#…".' };
  const path = u.pathname.replace(/\/+$/, '').replace(/\/v1$/, '').replace(/\/+$/, '');
  return { ok: true, url: `${u.protocol}//${u.host}${path}` };
}
