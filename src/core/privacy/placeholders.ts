/**
 * Values that stand for a secret without being one. Documentation, fixtures and templates
 * are full of them (`ghp_xxxx…`, `sk_live_AAAA…`, `${TOKEN}`, `your_api_key_here`), and
 * replacing them costs the model context for nothing, so every detector asks here first.
 */

/** Empty, templated, or an example word: the whole value is a stand-in. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^(?:\$\{.*\}|\$\{\{.*\}\}|\{\{.*\}\}|\{[^{}]*\}|\$\([^()]*\)|<[^>]*>|%\(?\w*\)?s|%s|\$[A-Za-z_][A-Za-z0-9_]*|\*+|\.+|#+|-+|_+)$/.test(v)) return true;
  if (/^TANDEM_SECRET_\d+$/.test(v) || /^\[[A-Za-z_ -]*\]$/.test(v)) return true;
  // An environment variable's name (`secretKey = "DJANGO_SECRET_KEY"`), not its value.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v) && !/\d{4}/.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true;
  if (/^(?:changeme|change[_-]?me|change[_-]?this|your[_-]?[\w-]*|my[_-]?(?:password|secret|token|key)|replace[_-]?me|todo|fixme|none|null|nil|undefined|example|sample|dummy|redacted|hidden|secret|password|passwd|pass|token|apikey|api[_-]?key|key|test|string|str)$/i.test(v)) return true;
  return /(?:^|[_\-.])(?:not[_-]?a[_-]?real|fake|dummy|example|sample|placeholder|redacted)(?:$|[_\-.])/i.test(v) || hasFillerRun(v);
}

/**
 * A run that no random generator produces: `xxxx`/`XXXX`, one character eight times in a
 * row (`AAAAAAAA`, `11111111`), or the word `EXAMPLE` (AWS's documented keys). Real tokens
 * have none; placeholders in token shape (`ghp_xxxxxxxx…`) all do.
 */
export function hasFillerRun(value: string): boolean {
  if (/x{4}|X{4}|EXAMPLE|example/.test(value)) return true;
  // Long binary tokens (Fly.io macaroons) encode runs of zero bytes as `AAAAAAAA`.
  return value.length < 80 && /(.)\1{7}/.test(value);
}

/**
 * Too few distinct characters for a random token of this length (`FakeFakeFake1Fake…`).
 * 16 random base62 characters have about 14 distinct ones, 32 random hex digits about 14.
 */
export function lowDiversity(token: string): boolean {
  if (token.length < 16) return false;
  return new Set(token).size < Math.min(10, Math.floor(token.length / 3));
}

/** A version number (`5.1.1`, `^4.17.21`, `v2.0.0-rc.1`): lockfiles put them after package names like `registry-auth-token`. */
export function isVersion(value: string): boolean {
  return /^[\^~>=<v]*\d+(?:\.\d+){1,3}(?:[-+][\w.-]+)?$/.test(value);
}

/** Shannon entropy per character at least `bits`, at least 16 long, and more than one character class. */
export function highEntropy(value: string, bits: number): boolean {
  if (value.length < 16) return false;
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(value)).length;
  return h >= bits && classes >= 2;
}

/**
 * Base64 that decodes to ordinary words (`ZHVtbXkgdGV4dA==` is "dummy text"): test data,
 * not key material. Used only where the name alone does not make the value a secret.
 */
export function decodesToProse(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{12,}={0,2}$/.test(value)) return false;
  let text: string;
  try {
    text = atob(value.padEnd(Math.ceil(value.length / 4) * 4, '='));
  } catch {
    return false;
  }
  return /^[a-zA-Z][a-zA-Z ,.'-]+$/.test(text) && /\s/.test(text);
}
