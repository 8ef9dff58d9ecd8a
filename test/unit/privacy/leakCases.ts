/** Deterministic fake secrets for the leak tests (random-looking, never live). */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function randomToken(length: number, seed: number, alphabet = ALNUM): string {
  const next = lcg(seed);
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

/** `lines` PEM body lines of 64 base64 characters, the last one shorter. */
export function pemBody(lines: number, seed = 42): string[] {
  return Array.from({ length: lines }, (_, i) => randomToken(i === lines - 1 ? 24 : 64, seed + i, B64));
}

/** Every 4-character piece of `secret`. */
export function fragmentsOf(secret: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 4 <= secret.length; i++) out.add(secret.slice(i, i + 4));
  return [...out];
}
