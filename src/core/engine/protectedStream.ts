import type { ChatMessage } from '../llm/types';
import type { EgressTracker } from '../egress/tracker';
import { redact, redactAround, SecretVault, StreamRestorer } from '../privacy/redact';
import type { SecretKind } from '../privacy/secretPatterns';

/** The engine's request shapes, as far as redaction cares. */
export type RedactableRequest =
  | { kind: 'chat'; messages: ChatMessage[] }
  | { kind: 'fim'; prefix: string; suffix: string; snippets?: { path: string; text: string }[] };

export interface TextChunk {
  type: 'text';
  text: string;
  /** Every secret restored into the answer up to and including this chunk (absent: none). */
  restored?: readonly string[];
}

export interface ProtectOptions<R> {
  request: R;
  /** Redact before sending (always for OpenAI; optional for the private endpoint). */
  redact: boolean;
  feature: string;
  /** Workspace-relative path, for the egress log. */
  file?: string;
  tracker?: EgressTracker;
  /** Share one vault across the requests of a session for stable placeholders. */
  vault?: SecretVault;
  /** Told how many secrets of which kinds were redacted (e.g. for the log); never values. */
  onRedacted?(count: number, kinds: SecretKind[]): void;
}

/**
 * Sends `request` through `send` (e.g. `(r) => engine.stream(feature, r, opts)`) with its
 * secrets replaced by placeholders, and yields the answer with the originals restored,
 * chunk by chunk: text chunks are restored, every other chunk passes through after the
 * held-back tail of the text. The egress tracker attributes the requests to the file.
 */
export async function* protectedStream<R extends RedactableRequest, C extends { type: string }>(
  options: ProtectOptions<R>,
  send: (request: R) => AsyncIterable<C>,
): AsyncGenerator<C | TextChunk> {
  const vault = options.vault ?? new SecretVault();
  const redacted = options.redact ? redactRequest(options.request, vault) : undefined;
  const request: R = redacted ? redacted.request : options.request;
  const count = redacted?.count ?? 0;
  const kinds = redacted?.kinds ?? [];
  if (count > 0) options.onRedacted?.(count, kinds);
  const restorer = new StreamRestorer(vault.secrets);
  const source = (): AsyncIterable<C> => send(request);
  const stream = options.tracker
    ? options.tracker.track({ feature: options.feature, file: options.file, contextFiles: contextFiles(request), redactions: count, redactionKinds: kinds }, source)
    : source();
  const textChunk = (text: string): TextChunk => {
    const restored = restorer.restoredValues();
    return restored.length ? { type: 'text', text, restored } : { type: 'text', text };
  };
  for await (const c of stream) {
    if (isText(c)) {
      const text = restorer.push(c.text);
      if (text) yield textChunk(text);
      continue;
    }
    const rest = restorer.flush();
    if (rest) yield textChunk(rest);
    yield c;
  }
  const rest = restorer.flush();
  if (rest) yield textChunk(rest);
}

/** The request with every text field redacted through one vault. */
export function redactRequest<R extends RedactableRequest>(req: R, vault: SecretVault = new SecretVault()): { request: R; count: number; kinds: SecretKind[] } {
  let count = 0;
  const kinds: SecretKind[] = [];
  const step = (text: string): string => {
    const r = redact(text, vault);
    count += r.count;
    for (const k of r.kinds) if (!kinds.includes(k)) kinds.push(k);
    return r.text;
  };
  // Object.assign keeps the caller's own request type (model, maxTokens, stop...) intact.
  if (req.kind === 'chat') {
    return { request: Object.assign({}, req, { messages: req.messages.map((m) => ({ ...m, content: step(m.content) })) }), count, kinds };
  }
  // Prefix and suffix are one text split by the cursor: detection sees them joined.
  const around = redactAround(req.prefix, req.suffix, vault);
  count += around.count;
  for (const k of around.kinds) if (!kinds.includes(k)) kinds.push(k);
  const fields = { prefix: around.prefix, suffix: around.suffix, ...(req.snippets ? { snippets: req.snippets.map((s) => ({ ...s, text: step(s.text) })) } : {}) };
  return { request: Object.assign({}, req, fields), count, kinds };
}

/** The distinct paths of a completion's context snippets, for the egress log. */
function contextFiles(req: RedactableRequest): string[] {
  return req.kind === 'fim' ? [...new Set((req.snippets ?? []).map((s) => s.path))] : [];
}

function isText(c: { type: string }): c is TextChunk {
  return c.type === 'text' && 'text' in c && typeof c.text === 'string';
}
