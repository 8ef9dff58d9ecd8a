import type { ProviderId } from '../config';
import type { UsageRecord } from '../llm/types';
import { localDayKey } from './localDay';
import { percentiles } from './percentile';

/**
 * "Which provider for which feature?", answered from the user's own measured work: completions
 * go where they come back faster (and are accepted at least about as often); explain and refactor
 * stay on OpenAI's frontier model unless it fails much more often. The button in the usage view
 * applies the split it recommends (tandem.inline.provider / tandem.chat.provider).
 */
export interface SplitRecommendation {
  inline: ProviderId;
  chat: ProviderId;
  /** Sentences a team lead can act on, from the measured figures. */
  reasons: string[];
  /** The recommended split differs from what the settings ask now. */
  differs: boolean;
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

export function recommendSplit(records: readonly UsageRecord[], current: { inline: ProviderId; chat: ProviderId }): SplitRecommendation | undefined {
  const inline = { openai: empty(), huggingface: empty() };
  const chat = { openai: empty(), huggingface: empty() };
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
  let inlinePick = current.inline;
  const [io, ih] = [inline.openai, inline.huggingface];
  if (io.ok.length >= MIN_REQUESTS && ih.ok.length >= MIN_REQUESTS) {
    const [po] = percentiles(io.ok, [0.5]);
    const [ph] = percentiles(ih.ok, [0.5]);
    if (po !== undefined && ph !== undefined) {
      const faster: ProviderId = ph <= po ? 'huggingface' : 'openai';
      const slower: ProviderId = faster === 'huggingface' ? 'openai' : 'huggingface';
      const rate = (s: Stats) => (s.shown ? s.accepted / s.shown : undefined);
      const fastRate = rate(inline[faster]);
      const slowRate = rate(inline[slower]);
      const ratio = Math.max(po, ph) / Math.max(1, Math.min(po, ph));
      if (fastRate !== undefined && slowRate !== undefined && fastRate + ACCEPTANCE_SLACK < slowRate) {
        inlinePick = slower;
        reasons.push(`${NAME[slower]} completions are accepted more often (${pct(slowRate)} against ${pct(fastRate)}), though ${NAME[faster].replace('The', 'the')} answers ${times(ratio)} faster.`);
      } else {
        inlinePick = faster;
        const cost = faster === 'huggingface' ? ' at no marginal cost' : '';
        reasons.push(`${NAME[faster]} answers completions ${times(ratio)} faster (p50 ${Math.round(Math.min(po, ph))} ms against ${Math.round(Math.max(po, ph))} ms)${cost}.`);
      }
    }
  }

  let chatPick = current.chat;
  const [co, ch] = [chat.openai, chat.huggingface];
  if (co.n >= MIN_REQUESTS) {
    const perDay = co.costUsd / Math.max(1, co.days.size);
    const errO = co.errors / co.n;
    const errH = ch.n >= MIN_REQUESTS ? ch.errors / ch.n : undefined;
    if (errH !== undefined && errO > errH + ERROR_GAP) {
      chatPick = 'huggingface';
      reasons.push(`OpenAI failed ${pct(errO)} of explain/refactor requests against ${pct(errH)} on the private endpoint.`);
    } else {
      chatPick = 'openai';
      reasons.push(`OpenAI's explanations and refactors cost ${usd(perDay)}/day on your work${errH !== undefined ? ` and fail no more often (${pct(errO)} against ${pct(errH)})` : ''}.`);
    }
  } else if (ch.n >= MIN_REQUESTS) {
    chatPick = 'huggingface';
  }

  if (!reasons.length) return undefined;
  return { inline: inlinePick, chat: chatPick, reasons, differs: inlinePick !== current.inline || chatPick !== current.chat };
}

const NAME: Record<ProviderId, string> = { openai: 'OpenAI', huggingface: 'The private endpoint' };

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
