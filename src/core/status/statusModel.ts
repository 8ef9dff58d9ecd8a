import type { ProviderId } from '../config';
import type { PrivacyDecision } from '../privacy/workspacePrivacy';
import type { RouteDecision } from '../router';

/** A provider's error state as the status bar shows it. */
export interface ProviderProblem {
  /** Short words for the item, e.g. "no key", "rate-limited until 14:05". */
  summary: string;
  /** What to do, for the tooltip. */
  fix: string;
}

export interface StatusInput {
  chat: RouteDecision;
  inline: RouteDecision;
  privacy: PrivacyDecision;
  problems: Partial<Record<ProviderId, ProviderProblem>>;
  busy: boolean;
  inlineEnabled: boolean;
  /** Why inline completions are off for the current file, if they are (e.g. excluded). */
  inlineOffReason?: string;
  /** Other files the last inline completion request used as context, once one was sent. */
  inlineContextFiles?: number;
}

export interface StatusView {
  text: string;
  /** Markdown. */
  tooltip: string;
  warning: boolean;
}

const ICON: Record<ProviderId, string> = { openai: '$(cloud)', huggingface: '$(lock)' };
const LABEL: Record<ProviderId, string> = { openai: 'OpenAI', huggingface: 'Private' };
const LONG_NAME: Record<ProviderId, string> = { openai: 'OpenAI', huggingface: 'Private endpoint' };

/**
 * The status bar item as a pure function of routing, privacy and health:
 * `$(cloud) OpenAI` / `$(lock) Private`, both when features are split
 * (`$(cloud) OpenAI · $(lock) inline`), a spinner while busy, `$(warning)` with the reason on error.
 */
export function statusView(input: StatusInput): StatusView {
  const { chat, inline, privacy, problems, busy } = input;
  const split = chat.provider !== inline.provider;
  const chatProblem = !chat.ok ? chat.why : problems[chat.provider]?.summary;
  const inlineProblem = split ? (!inline.ok ? 'not configured' : problems[inline.provider]?.summary) : undefined;
  const warning = Boolean(chatProblem || inlineProblem);

  let first = busy ? '$(sync~spin)' : warning ? '$(warning)' : ICON[chat.provider];
  if (busy && warning) first = '$(sync~spin) $(warning)';
  let text = `${first} ${LABEL[chat.provider]}`;
  if (split) text += ` · ${ICON[inline.provider]} inline`;
  const short = chat.ok ? problems[chat.provider]?.summary : shortReason(chat);
  if (short) text += `: ${short}`;
  else if (inlineProblem && split) text += `: inline ${inlineProblem}`;

  const lines: string[] = ['**Tandem**', ''];
  lines.push(featureLine('Explain & refactor', chat));
  lines.push(featureLine('Inline completions', inline) + (input.inlineEnabled ? '' : ' — *turned off*') +
    (input.inlineOffReason ? ` — *off here: ${escapeMd(input.inlineOffReason)}*` : ''));
  if (input.inlineContextFiles !== undefined) lines.push(`Last completion: context from ${input.inlineContextFiles} other file${input.inlineContextFiles === 1 ? '' : 's'}`);
  lines.push('');
  lines.push(privacy.private ? `$(lock) **Private:** ${escapeMd(privacy.reason)}. Code goes only to the private endpoint.` : 'Privacy: this workspace is not marked private.');
  for (const p of ['openai', 'huggingface'] as const) {
    const problem = problems[p];
    const used = chat.provider === p || inline.provider === p;
    if (problem && used) lines.push('', `$(warning) **${LONG_NAME[p]}: ${escapeMd(problem.summary)}.** ${escapeMd(problem.fix)}`);
  }
  for (const d of split ? [chat, inline] : [chat]) {
    if (!d.ok) lines.push('', `$(warning) ${escapeMd(d.why)}`);
  }
  lines.push('', privacy.private ? '*Click to switch provider (OpenAI is refused here).*' : '*Click to switch provider.*');
  return { text, tooltip: lines.join('  \n'), warning };
}

function featureLine(name: string, d: RouteDecision): string {
  const model = d.ok && d.model ? ` · \`${d.model.replace(/`/g, "")}\`` : ''; // code spans take no escapes
  return `${name}: ${ICON[d.provider]} **${LONG_NAME[d.provider]}**${model} — ${escapeMd(d.ok ? d.why : 'not available')}`;
}

function shortReason(d: RouteDecision): string {
  return d.provider === 'huggingface' ? 'no endpoint' : 'unavailable';
}

/** Escapes Markdown so setting values and model names render as text. */
export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
