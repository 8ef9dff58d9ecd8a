import type { ChatRequest, FimRequest } from '../llm/types';
import { redact, SecretVault } from './redact';
import type { SecretKind } from './secretPatterns';

/** What the egress log records about a redaction: how many and which kinds, never values. */
export interface RedactionSummary {
  count: number;
  kinds: SecretKind[];
}

export interface Redacted<T> extends RedactionSummary {
  request: T;
  /** Placeholder -> original, for `restore` / `StreamRestorer` on the answer. */
  secrets: ReadonlyMap<string, string>;
}

/** Every message's content redacted with one vault, so a secret reads the same everywhere. */
export function redactChatRequest(req: ChatRequest, vault: SecretVault = new SecretVault()): Redacted<ChatRequest> {
  const summary: RedactionSummary = { count: 0, kinds: [] };
  const messages = req.messages.map((m) => ({ ...m, content: step(m.content, vault, summary) }));
  return { request: { ...req, messages }, secrets: vault.secrets, ...summary };
}

/** Prefix, suffix and context snippets of an inline completion request. */
export function redactFimRequest(req: FimRequest, vault: SecretVault = new SecretVault()): Redacted<FimRequest> {
  const summary: RedactionSummary = { count: 0, kinds: [] };
  const request: FimRequest = {
    ...req,
    prefix: step(req.prefix, vault, summary),
    suffix: step(req.suffix, vault, summary),
    ...(req.snippets ? { snippets: req.snippets.map((s) => ({ ...s, text: step(s.text, vault, summary) })) } : {}),
  };
  return { request, secrets: vault.secrets, ...summary };
}

function step(text: string, vault: SecretVault, summary: RedactionSummary): string {
  const r = redact(text, vault);
  summary.count += r.count;
  for (const k of r.kinds) if (!summary.kinds.includes(k)) summary.kinds.push(k);
  return r.text;
}
