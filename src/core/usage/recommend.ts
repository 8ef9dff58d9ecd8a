import type { ProviderId } from '../config';
import { PROVIDER_IDS, PROVIDERS } from '../providers';
import type { UsageRecord } from '../llm/types';
import { localDayKey } from './localDay';
import { percentiles } from './percentile';

/**
 * "Which provider for which feature?", answered from the user's own measured work: completions
 * go where they come back faster (and are accepted at least about as often); explain and refactor
 * stay on OpenAI's frontier model unless it fails much more often. A feature is recommended only
 * when both providers served it often enough to compare: one-sided data says which provider was
 * used, not which is better, and would make the advice flip with the date range. The button in
 * the usage view applies the split it recommends (tandem.inline.provider / tandem.chat.provider).
 */
export interface SplitRecommendation {
  /** Undefined: completions were not measured on both providers (keep what is set). */
  inline?: ProviderId;
  /** Undefined: explain/refactor were not measured on both providers (keep what is set). */
  chat?: ProviderId;
  /** What the settings ask now, so the view can apply the split without the unmeasured half changing. */
  current: { inline: ProviderId; chat: ProviderId };
  /** Sentences a team lead can act on, from the measured figures. */
  reasons: string[];
  /** One sentence per feature that could not be compared, saying what is missing. */
  unmeasured: string[];
  /** The recommended split differs from what the settings ask now. */
  differs: boolean;
  /** The active workspace is private: the split only matters for the person's other workspaces. */
  privateWorkspace: boolean;
}

export interface RecommendOptions {
  /** The active workspace sends code only to the private endpoint, whatever the split says. */
  privateWorkspace?: boolean;
}

/** Fewer requests than this on a provider are not a measurement. */
export const MIN_REQUESTS = 5;
/** Acceptance (percentage points) a faster provider may lose and still be recommended. */
const ACCEPTANCE_SLACK = 0.1;
/** Error-rate gap (points) above which explain/refactor leave the failing provider. */
const ERROR_GAP = 0.1;

interface Stats {
  n: number;
  ok: number[];
  errors: number;
  shown: number;
  accepted: number;
  costUsd: number;
  days: Set<string>;
}

type ByProvider = Record<ProviderId, Stats>;

export function recommendSplit(
  records: readonly UsageRecord[],
  current: { inline: ProviderId; chat: ProviderId },
  opts: RecommendOptions = {},
): SplitRecommendation | undefined {
  const inline: ByProvider = { openai: empty(), huggingface: empty() };
  const chat: ByProvider = { openai: empty(), huggingface: empty() };
  for (const r of records) {
    const s = (r.feature === 'inline' ? inline : r.feature === 'explain' || r.feature === 'refactor' ? chat : undefined)?.[r.provider];
    if (!s) continue;
    s.n++;
    if (r.outcome === 'ok') s.ok.push(r.latencyMs);
    if (r.outcome === 'error') s.errors++;
    if (r.accepted !== undefined) {
      s.shown++;
      if (r.accepted) s.accepted++;
    }
    if (r.priceKnown !== false) s.costUsd += r.costUsd;
    s.days.add(localDayKey(new Date(r.time)));
  }

  const reasons: string[] = [];
  const unmeasured: string[] = [];
  const inlinePick = pickInline(inline, reasons);
  if (inlinePick === undefined) {
    const gap = missing(inline, (s) => s.ok.length);
    if (gap) unmeasured.push(`Completions: ${gap}, so there is nothing to compare yet.`);
  }
  const chatPick = pickChat(chat, reasons);
  if (chatPick === undefined) {
    const gap = missing(chat, (s) => s.n);
    if (gap) unmeasured.push(`Explain and refactor: ${gap}, so there is nothing to compare yet.`);
  }

  if (inlinePick === undefined && chatPick === undefined) return undefined;
  const differs = (inlinePick !== undefined && inlinePick !== current.inline) || (chatPick !== undefined && chatPick !== current.chat);
  return { inline: inlinePick, chat: chatPick, current: { ...current }, reasons, unmeasured, differs, privateWorkspace: opts.privateWorkspace === true };
}

/** The faster provider for completions, unless the slower one is accepted clearly more often. */
function pickInline(inline: ByProvider, reasons: string[]): ProviderId | undefined {
  const [io, ih] = [inline.openai, inline.huggingface];
  if (io.ok.length < MIN_REQUESTS || ih.ok.length < MIN_REQUESTS) return undefined;
  const [po] = percentiles(io.ok, [0.5]);
  const [ph] = percentiles(ih.ok, [0.5]);
  if (po === undefined || ph === undefined) return undefined;
  const faster: ProviderId = ph <= po ? 'huggingface' : 'openai';
  const slower: ProviderId = faster === 'huggingface' ? 'openai' : 'huggingface';
  const rate = (s: Stats) => (s.shown ? s.accepted / s.shown : undefined);
  const fastRate = rate(inline[faster]);
  const slowRate = rate(inline[slower]);
  const ratio = Math.max(po, ph) / Math.max(1, Math.min(po, ph));
  if (fastRate !== undefined && slowRate !== undefined && fastRate + ACCEPTANCE_SLACK < slowRate) {
    reasons.push(`${PROVIDERS[slower].label} completions are accepted more often (${pct(slowRate)} against ${pct(fastRate)}), though ${PROVIDERS[faster].labelMid} answers ${times(ratio)} faster.`);
    return slower;
  }
  // Your own server is paid by the hour whether it answers or not.
  const cost = PROVIDERS[faster].cloud ? '' : ' at no marginal cost';
  reasons.push(`${PROVIDERS[faster].label} answers completions ${times(ratio)} faster (p50 ${Math.round(Math.min(po, ph))} ms against ${Math.round(Math.max(po, ph))} ms)${cost}.`);
  return faster;
}

/** OpenAI for explain/refactor, unless it fails clearly more often than the private endpoint. */
function pickChat(chat: ByProvider, reasons: string[]): ProviderId | undefined {
  const [co, ch] = [chat.openai, chat.huggingface];
  if (co.n < MIN_REQUESTS || ch.n < MIN_REQUESTS) return undefined;
  const errO = co.errors / co.n;
  const errH = ch.errors / ch.n;
  if (errO > errH + ERROR_GAP) {
    reasons.push(`OpenAI failed ${pct(errO)} of explain/refactor requests against ${pct(errH)} on the private endpoint.`);
    return 'huggingface';
  }
  const perDay = co.costUsd / Math.max(1, co.days.size);
  reasons.push(`OpenAI's explanations and refactors cost ${usd(perDay)}/day on your work and fail no more often (${pct(errO)} against ${pct(errH)}).`);
  return 'openai';
}

/** "no OpenAI requests in this range" / "only 3 on the private endpoint (5 needed)"; undefined when neither side has any. */
function missing(by: ByProvider, count: (s: Stats) => number): string | undefined {
  const parts: string[] = [];
  for (const p of PROVIDER_IDS) {
    const n = count(by[p]);
    if (n >= MIN_REQUESTS) continue;
    parts.push(n === 0 ? `no requests on ${PROVIDERS[p].labelMid} in this range` : `only ${n} on ${PROVIDERS[p].labelMid} (${MIN_REQUESTS} needed)`);
  }
  if (parts.length === 2 && count(by.openai) === 0 && count(by.huggingface) === 0) return undefined;
  return parts.join(' and ');
}

function empty(): Stats {
  return { n: 0, ok: [], errors: 0, shown: 0, accepted: 0, costUsd: 0, days: new Set() };
}

function times(ratio: number): string {
  return `${ratio >= 10 ? Math.round(ratio) : Math.round(ratio * 10) / 10}×`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function usd(x: number): string {
  return `$${x < 0.1 ? x.toFixed(3) : x.toFixed(2)}`;
}
