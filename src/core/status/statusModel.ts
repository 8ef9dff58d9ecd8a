import type { ProviderId } from '../config';
import { PROVIDERS } from '../providers';
import { clockTime } from '../llm/errors';
import type { PrivacyDecision } from '../privacy/workspacePrivacy';
import type { RouteDecision } from '../engine/router';
import type { ProviderProblem } from './problem';
import { footerLinks, linksFor } from './links';

export type { ProviderProblem } from './problem';

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
  /** Markdown; its command links are all Tandem's own (see TRUSTED_COMMANDS). */
  tooltip: string;
  warning: boolean;
}

/** The lock means one thing only: this workspace is private, enforced. A chosen private endpoint is a server. */
function icon(provider: ProviderId, enforced: boolean): string {
  const p = PROVIDERS[provider];
  return enforced && !p.cloud ? '$(lock)' : p.icon;
}

/** The provider a feature asked for (before a fallback moved it). */
function requested(d: RouteDecision): ProviderId {
  return d.ok && d.fallbackFrom ? d.fallbackFrom : d.provider;
}

/** The short words for a provider that cannot take the feature's requests now. */
function refusalProblem(d: RouteDecision, problems: StatusInput['problems']): ProviderProblem | undefined {
  if (d.ok) return problems[d.provider];
  const known = problems[d.provider];
  switch (d.reason) {
    case 'privateNoEndpoint':
    case 'noEndpoint':
      return { kind: 'noEndpoint', summary: 'no endpoint', fix: d.why };
    case 'rateLimited':
      return known?.kind === 'rateLimited' ? known : { kind: 'rateLimited', summary: d.retryAt ? `rate-limited until ${clockTime(d.retryAt, false)}` : 'rate-limited', fix: d.why };
    case 'budgetSpent':
      return { kind: 'budget', summary: 'budget spent', fix: known?.fix ?? d.why };
    case 'circuitOpen':
      return known ?? { kind: 'paused', summary: d.retryAt ? `paused until ${clockTime(d.retryAt, false)}` : 'paused', fix: d.why };
    default:
      return known ?? { summary: 'unavailable', fix: d.why };
  }
}

/** "OpenAI → private until 14:05": the fallback answers, and the item says so in its own warning state. */
function fallbackWords(problems: StatusInput['problems']): string {
  const p = problems.openai;
  if (p?.until !== undefined) return ` until ${clockTime(p.until, false)}`;
  return p ? `: ${p.summary}` : '';
}

/**
 * The status bar item as a pure function of routing, privacy and health: `$(cloud) OpenAI`,
 * `$(server) Private` (chosen), `$(lock) Private` (enforced), `$(warning) OpenAI → private until
 * 14:05` (fallback), `$(warning) OpenAI: no key` (error); both providers when features are split;
 * a spinner while busy.
 */
export function statusView(input: StatusInput): StatusView {
  const { chat, inline, privacy, problems, busy } = input;
  const enforced = privacy.private;
  const split = requested(chat) !== requested(inline) || chat.provider !== inline.provider;
  const chatProblem = refusalProblem(chat, problems);
  const inlineProblem = split ? refusalProblem(inline, problems) : undefined;
  const chatFallback = chat.ok && chat.fallbackFrom !== undefined;
  const inlineFallback = split && inline.ok && inline.fallbackFrom !== undefined;
  const warning = Boolean(chatProblem || inlineProblem || chatFallback || inlineFallback);

  const chatWarns = chatFallback || chatProblem !== undefined;
  const lead: string[] = [];
  // The lock stays visible in every state of a private workspace: it is the privacy indicator.
  if (enforced) lead.push('$(lock)');
  if (busy) lead.push('$(sync~spin)');
  if (chatWarns) lead.push('$(warning)');
  else if (!enforced && !busy) lead.push(icon(chat.provider, enforced));
  let text = chatFallback ? `OpenAI → private${fallbackWords(problems)}` : `${PROVIDERS[chat.provider].shortLabel}${chatProblem ? `: ${chatProblem.summary}` : ''}`;
  text = `${lead.join(' ')} ${text}`;
  if (split) {
    const inlineText = inlineFallback ? 'inline → private' : `inline${inlineProblem ? `: ${inlineProblem.summary}` : ''}`;
    text += ` · ${inlineFallback ? '$(warning)' : icon(inline.provider, enforced)} ${inlineText}`;
  }

  return { text, tooltip: tooltip(input, split, chatFallback || inlineFallback), warning };
}

function tooltip(input: StatusInput, split: boolean, fallback: boolean): string {
  const { chat, inline, privacy, problems } = input;
  const enforced = privacy.private;
  const lines: string[] = ['**Tandem**', ''];
  lines.push(featureLine('Explain & refactor', chat, enforced));
  lines.push(featureLine('Inline completions', inline, enforced) + (input.inlineEnabled ? '' : ' — *turned off*') +
    (input.inlineOffReason ? ` — *off here: ${escapeMd(input.inlineOffReason)}*` : ''));
  if (input.inlineContextFiles !== undefined) lines.push(`Last completion: context from ${input.inlineContextFiles} other file${input.inlineContextFiles === 1 ? '' : 's'}`);
  lines.push('');
  lines.push(enforced ? `$(lock) **Private:** ${escapeMd(privacy.reason)}. Code goes only to the private endpoint.` : 'Privacy: this workspace is not marked private.');
  if (fallback) {
    const p = problems.openai;
    const why = p?.until !== undefined ? ` until ${clockTime(p.until, false)}` : p ? ` (${escapeMd(p.summary)})` : ' now';
    lines.push('', `$(warning) **Falling back:** OpenAI cannot take requests${why}, so your private endpoint answers them instead (tandem.fallbackToPrivate).`);
  }
  const shown = new Set<ProviderId>();
  for (const d of split ? [chat, inline] : [chat]) {
    const p = refusalProblem(d, problems);
    if (!p || shown.has(d.provider)) continue;
    shown.add(d.provider);
    lines.push('', `$(warning) **${PROVIDERS[d.provider].title}: ${escapeMd(p.summary)}.** ${escapeMd(p.fix)}${linkLine(linksFor(d.provider, p.kind))}`);
  }
  // OpenAI's own trouble while the fallback answers: the reason, with its fix.
  if (fallback && problems.openai && !shown.has('openai')) {
    const p = problems.openai;
    lines.push('', `$(warning) **${PROVIDERS.openai.title}: ${escapeMd(p.summary)}.** ${escapeMd(p.fix)}${linkLine(linksFor('openai', p.kind))}`);
  }
  lines.push('', linkLine(footerLinks(enforced)).trim());
  return lines.join('  \n');
}

function linkLine(links: readonly { title: string; command: string }[]): string {
  return links.length ? ` ${links.map((l) => `[${l.title}](command:${l.command})`).join(' · ')}` : '';
}

function featureLine(name: string, d: RouteDecision, enforced: boolean): string {
  const model = d.ok && d.model ? ` · \`${d.model.replace(/`/g, '')}\`` : ''; // code spans take no escapes
  return `${name}: ${icon(d.provider, enforced)} **${PROVIDERS[d.provider].title}**${model} — ${escapeMd(d.ok ? d.why : 'not available')}`;
}

/** Escapes Markdown so setting values and model names render as text. */
export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
