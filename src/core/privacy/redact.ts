import { findSecrets } from './secretPatterns';
import type { SecretKind, SecretSpan } from './secretPatterns';

/**
 * Secret redaction before a prompt leaves for OpenAI (the "private means private" promise):
 * each secret becomes a placeholder such as `TANDEM_SECRET_1`, shaped like an identifier so
 * models copy it verbatim, and the placeholders in the answer are put back before anything
 * is shown or applied, so a refactor never destroys a key it never saw.
 */

export const PLACEHOLDER_PREFIX = 'TANDEM_SECRET_';
const PLACEHOLDER = /TANDEM_SECRET_(\d+)(?!\d)/g;

export interface RedactionResult {
  text: string;
  /** Placeholder -> original, for the secrets found in this text. */
  secrets: Map<string, string>;
  /** The kinds found (each once), for the egress log; never the values. */
  kinds: SecretKind[];
  /** How many secrets were replaced (occurrences). */
  count: number;
}

/**
 * Placeholders of one request or session: the same secret always gets the same placeholder,
 * so a secret repeated across messages (or requests) reads consistently to the model.
 */
export class SecretVault {
  private readonly byOriginal = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private next = 1;

  placeholderFor(original: string, avoid: string): string {
    const known = this.byOriginal.get(original);
    if (known !== undefined) return known;
    let p = `${PLACEHOLDER_PREFIX}${this.next++}`;
    // Never reuse a name already present in the text: restoring it would invent a secret.
    while (new RegExp(`${p}(?!\\d)`).test(avoid)) p = `${PLACEHOLDER_PREFIX}${this.next++}`;
    this.byOriginal.set(original, p);
    this.byPlaceholder.set(p, original);
    return p;
  }

  /** Every placeholder handed out so far -> its original. */
  get secrets(): ReadonlyMap<string, string> {
    return this.byPlaceholder;
  }
}

export function redact(text: string, vault: SecretVault = new SecretVault()): RedactionResult {
  return redactSpans(text, findSecrets(text), vault);
}

export interface SplitRedaction {
  prefix: string;
  suffix: string;
  secrets: Map<string, string>;
  kinds: SecretKind[];
  count: number;
}

/**
 * Redacts the text before and after the cursor as the one text they are: a value being
 * typed (`password = "Tr0ub|"`, `postgres://admin:Vq7x|@db`) is found whole, never as two
 * fragments that match nothing. A secret the cursor splits becomes two placeholders, one
 * on each side, so neither half is sent.
 */
export function redactAround(prefix: string, suffix: string, vault: SecretVault = new SecretVault()): SplitRedaction {
  const text = prefix + suffix;
  const cut = prefix.length;
  const spans: SecretSpan[] = [];
  for (const s of findSecrets(text)) {
    if (s.start < cut && s.end > cut) spans.push({ ...s, end: cut }, { ...s, start: cut });
    else spans.push(s);
  }
  const before = redactSpans(prefix, spans.filter((s) => s.end <= cut), vault, text);
  const after = redactSpans(suffix, spans.filter((s) => s.start >= cut).map((s) => ({ ...s, start: s.start - cut, end: s.end - cut })), vault, text);
  const kinds = [...before.kinds];
  for (const k of after.kinds) if (!kinds.includes(k)) kinds.push(k);
  return { prefix: before.text, suffix: after.text, secrets: new Map([...before.secrets, ...after.secrets]), kinds, count: before.count + after.count };
}

function redactSpans(text: string, spans: SecretSpan[], vault: SecretVault, avoid = text): RedactionResult {
  const secrets = new Map<string, string>();
  const kinds: SecretKind[] = [];
  let out = '';
  let at = 0;
  for (const s of spans) {
    const original = text.slice(s.start, s.end);
    const p = vault.placeholderFor(original, avoid);
    secrets.set(p, original);
    if (!kinds.includes(s.kind)) kinds.push(s.kind);
    out += text.slice(at, s.start) + p;
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, secrets, kinds, count: spans.length };
}

/**
 * Put the originals back; placeholders the map does not know stay as they are.
 * `onRestored` is told each original put back (the explanation panel keeps them out of links).
 */
export function restore(text: string, secrets: ReadonlyMap<string, string>, onRestored?: (original: string) => void): string {
  if (secrets.size === 0 || !text.includes(PLACEHOLDER_PREFIX)) return text;
  return text.replace(PLACEHOLDER, (p) => {
    const original = secrets.get(p);
    if (original === undefined) return p;
    onRestored?.(original);
    return original;
  });
}

/**
 * Restores a streamed answer chunk by chunk. A placeholder split across chunks
 * (`TANDEM_SEC` + `RET_12`) is held back until it is complete, so the person never
 * sees a half placeholder and the original is never split.
 */
export class StreamRestorer {
  private pending = '';
  private readonly restored = new Set<string>();
  private readonly note = (original: string) => this.restored.add(original);

  constructor(private readonly secrets: ReadonlyMap<string, string>) {}

  /** The originals put back into the answer so far, each once. */
  restoredValues(): string[] {
    return [...this.restored];
  }

  /** The text that can be shown now (possibly empty). */
  push(chunk: string): string {
    const text = this.pending + chunk;
    const hold = heldBackFrom(text);
    this.pending = text.slice(hold);
    return restore(text.slice(0, hold), this.secrets, this.note);
  }

  /** The rest, at the end of the stream. */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return restore(rest, this.secrets, this.note);
  }
}

/**
 * Where the part that might still grow into (a longer) placeholder starts: a trailing
 * prefix of `TANDEM_SECRET_`, or a whole placeholder whose digits may continue.
 */
function heldBackFrom(text: string): number {
  const tail = /TANDEM_SECRET_\d*$/.exec(text);
  if (tail) return tail.index;
  const max = Math.min(PLACEHOLDER_PREFIX.length - 1, text.length);
  for (let n = max; n > 0; n--) {
    if (PLACEHOLDER_PREFIX.startsWith(text.slice(text.length - n))) return text.length - n;
  }
  return text.length;
}
