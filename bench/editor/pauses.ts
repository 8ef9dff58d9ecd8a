import { postProcess } from '../../src/core/inline/postprocess';
import type { GhostEvent, KeySent } from './metrics';
import type { ModelRequest } from './model';

/**
 * Why a pause went without ghost text, from what the bench can see from outside: the
 * model's request log, the DOM's ghost text, and the extension's own post-processing
 * replayed on the answer (the file is typed at its end, so the text after the cursor is
 * empty). Shown pauses are 'shown'; the rest get the first cause that applies. The replay
 * uses this tree's post-processing: for a build made from older code (`--vsix`), a pause
 * its own rules dropped shows as 'answered, not shown'.
 */
export type PauseCause =
  | 'shown'
  /** No request reached the model during the pause (and nothing shown from memory). */
  | 'no request'
  /** The request of the pause was closed by the extension before its first line. */
  | 'aborted'
  /** The first line had not arrived when the next key came. */
  | 'answer late'
  /** The bench model answered nothing (it did not find the prompt's text in the file). */
  | 'empty answer'
  /** The answer arrived but the extension's post-processing reduces it to nothing here. */
  | 'dropped by post-processing'
  /** The answer arrived and survives post-processing, but no ghost text appeared. */
  | 'answered, not shown'
  /** A typo stood at the pause: the bench cannot say what the right text is. */
  | 'typo';

export interface PauseReport {
  /** Index of the key the pause follows. */
  key: number;
  cause: PauseCause;
  /** The cursor line's text before the cursor (when known). */
  linePrefix?: string;
  /** The start of the model's answer (when one arrived). */
  answer?: string;
  /** Shown: key → ghost text (ms). */
  latency?: number;
  /** Shown from a request of this pause: key → request at the model, and the model's own time to the first line (ms). */
  toRequest?: number;
  model?: number;
}

export function pauseCause(keys: KeySent[], i: number, ghosts: GhostEvent[], requests: ModelRequest[], full: string): PauseReport {
  const k = keys[i];
  const end = keys[i + 1]?.t ?? k.t + k.pauseAfter;
  const linePrefix = k.pos === undefined ? undefined : full.slice(full.lastIndexOf('\n', k.pos - 1) + 1, k.pos);
  const base = { key: i, ...(linePrefix !== undefined ? { linePrefix } : {}) };
  const ev = ghosts.find((g) => g.t > k.t && g.t < end && (g.first.trim() !== '' || g.more.length > 0));
  if (ev) {
    const req = requests.find((r) => r.arrivedAt >= k.t && r.arrivedAt <= ev.t && r.firstLineAt !== undefined && r.firstLineAt <= ev.t + 2);
    const timing = req?.firstLineAt !== undefined ? { toRequest: req.arrivedAt - k.t, model: req.firstLineAt - req.arrivedAt } : {};
    return { ...base, cause: 'shown', latency: ev.t - k.t, ...timing };
  }
  if (k.pos === undefined) return { ...base, cause: 'typo' };
  const mine = requests.filter((r) => r.arrivedAt >= k.t && r.arrivedAt < end);
  const r = mine[mine.length - 1];
  if (!r) return { ...base, cause: 'no request' };
  const answer = r.answer.slice(0, 40);
  if (r.closedAt !== undefined && !r.ended && (r.firstLineAt === undefined || r.closedAt < r.firstLineAt)) return { ...base, answer, cause: 'aborted' };
  if (r.firstLineAt === undefined || r.firstLineAt >= end) return { ...base, answer, cause: 'answer late' };
  if (r.answer.trim() === '') return { ...base, answer, cause: 'empty answer' };
  const prefix = full.slice(0, k.pos);
  const text = postProcess(r.answer, { prefix, suffix: '', linePrefix: linePrefix ?? '', lineSuffix: '' });
  return { ...base, answer, cause: text === undefined ? 'dropped by post-processing' : 'answered, not shown' };
}

/** Counts per cause over the pauses of a trace (pauses with ghost text under 'shown'). */
export function pauseCauses(keys: KeySent[], ghosts: GhostEvent[], requests: ModelRequest[], full: string, pauseMs: number): { counts: Record<string, number>; reports: PauseReport[] } {
  const counts: Record<string, number> = {};
  const reports: PauseReport[] = [];
  keys.forEach((k, i) => {
    if (k.pauseAfter < pauseMs) return;
    const rep = pauseCause(keys, i, ghosts, requests, full);
    counts[rep.cause] = (counts[rep.cause] ?? 0) + 1;
    reports.push(rep);
  });
  return { counts, reports };
}

/** Where each request of a trace came from: the key before it, how long after it, and whether a pause followed. */
export interface RequestReport {
  key: number;
  /** The key's time and the request's arrival (ms since the epoch), to match the extension's log. */
  keyAt: number;
  arrivedAt: number;
  afterKeyMs: number;
  linePrefix?: string;
  pause: boolean;
  aborted: boolean;
}

export function requestOrigins(keys: KeySent[], requests: ModelRequest[], full: string, pauseMs: number): RequestReport[] {
  return requests.map((r) => {
    let i = keys.length - 1;
    while (i > 0 && keys[i].t > r.arrivedAt) i--;
    const k = keys[i];
    const linePrefix = k.pos === undefined ? undefined : full.slice(full.lastIndexOf('\n', k.pos - 1) + 1, k.pos);
    const aborted = r.closedAt !== undefined && !r.ended && (r.firstLineAt === undefined || r.closedAt < r.firstLineAt);
    return { key: i, keyAt: k.t, arrivedAt: r.arrivedAt, afterKeyMs: r.arrivedAt - k.t, ...(linePrefix !== undefined ? { linePrefix } : {}), pause: k.pauseAfter >= pauseMs, aborted };
  });
}
