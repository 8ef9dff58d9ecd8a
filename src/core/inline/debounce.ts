/**
 * How long to wait after a keystroke before asking the model, learned from the person's
 * own rhythm. A fixed wait is too long for a fast typist (every pause pays it) and too
 * short for a slow one (each gap between keys looks like a pause and costs a request).
 * Instead: wait until the gap is longer than almost all of this typist's recent gaps in
 * this editor, and do not wait at all where people stop to read a suggestion: a fresh
 * line, a pause character, or the end of the suggestion they have just typed out.
 */

export interface AdaptiveDebounceOptions {
  /** Never wait less than this while typing (ms), except at pause points. */
  minMs?: number;
  /** Gaps kept per editor. */
  window?: number;
  /** Fewer gaps than this: not enough to know the typist, use the upper bound. */
  minSamples?: number;
  /** The share of gaps a wait must outlast (0.9 = longer than 9 in 10 gaps). */
  percentile?: number;
  /** Gaps longer than this are pauses, not rhythm, and are not learned (ms). */
  pauseMs?: number;
}

interface Rhythm {
  last?: number;
  gaps: number[];
}

const DEFAULTS: Required<AdaptiveDebounceOptions> = { minMs: 40, window: 40, minSamples: 8, percentile: 0.9, pauseMs: 1500 };
/** A little over the percentile: a gap just at it is still typing. */
const MARGIN = 1.15;
/** Characters after which people usually stop to look: a call, member access, assignment, block or type. */
const PAUSE_AFTER = /[(.=:{;]\s*$/;

/** True where the person most likely pauses: a fresh line (after Enter) or right after a pause character. */
export function isPausePoint(linePrefix: string): boolean {
  if (linePrefix.trim() === '') return true;
  return PAUSE_AFTER.test(linePrefix) && !/\.\.\s*$/.test(linePrefix);
}

/** The nearest-rank percentile of `values` (0 < p ≤ 1). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

export class AdaptiveDebounce {
  private readonly opts: Required<AdaptiveDebounceOptions>;
  private readonly editors = new Map<string, Rhythm>();

  constructor(opts: AdaptiveDebounceOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** A keystroke (a non-explicit completion call) in `documentId` at `now`. */
  keystroke(documentId: string, now: number): void {
    let r = this.editors.get(documentId);
    if (!r) {
      r = { gaps: [] };
      this.editors.set(documentId, r);
    }
    if (r.last !== undefined) {
      const gap = now - r.last;
      if (gap > 0 && gap <= this.opts.pauseMs) {
        r.gaps.push(gap);
        if (r.gaps.length > this.opts.window) r.gaps.shift();
      }
    }
    r.last = now;
  }

  /**
   * The wait before a request, in ms: 0 at a pause point, else what outlasts this
   * typist's usual gap, between `minMs` and `maxMs` (the user's `tandem.inline.debounceMs`,
   * never exceeded). `finishedSuggestion`: the person has just typed the last character of
   * the suggestion shown (offerState.ts), where the model saw the statement end.
   */
  delay(documentId: string, linePrefix: string, maxMs: number, finishedSuggestion = false): number {
    const max = Math.max(0, maxMs);
    if (finishedSuggestion || isPausePoint(linePrefix)) return 0;
    const gaps = this.editors.get(documentId)?.gaps ?? [];
    if (gaps.length < this.opts.minSamples) return max;
    const learned = Math.round(percentile(gaps, this.opts.percentile) * MARGIN);
    return Math.min(max, Math.max(this.opts.minMs, learned));
  }

  forget(documentId: string): void {
    this.editors.delete(documentId);
  }
}
