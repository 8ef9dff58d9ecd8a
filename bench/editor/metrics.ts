import type { ModelRequest } from './model';
import { pauseCauses } from './pauses';

/** What the editor benchmark measures on one replayed trace. */
export interface GhostEvent {
  t: number;
  first: string;
  more: string[];
}

export interface KeySent {
  t: number;
  /** Characters of the true file before the cursor after this key (undefined while a typo stands). */
  pos?: number;
  /** The wait before the next key (ms). */
  pauseAfter: number;
}

export interface TraceMetrics {
  keystrokes: number;
  requests: number;
  per100: number;
  abortedShare: number;
  pauses: number;
  ghostRate: number;
  all: Stats;
  fresh: Stats;
  /** Extension's share (latency minus the model's own time to the shown first line). */
  shareAll: Stats;
  shareFresh: Stats;
  /** Keystroke → request arrived at the model, fresh requests. */
  beforeRequest: Stats;
  /** The model's own time to the first line, fresh requests. */
  modelFresh: Stats;
  wrong: number;
  /** Pauses by outcome: 'shown' or why no ghost text appeared (see pauses.ts). */
  causes?: Record<string, number>;
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
}

/** A pause is a wait of at least this long before the next key. */
export const PAUSE_MS = 500;

function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] : NaN);
  return { n: s.length, p50: Math.round(at(0.5)), p95: Math.round(at(0.95)) };
}

const norm = (s: string) => s.replace(/\u00a0/g, ' ');

export function traceMetrics(keys: KeySent[], ghosts: GhostEvent[], requests: ModelRequest[], full: string): TraceMetrics {
  const all: number[] = [];
  const fresh: number[] = [];
  const shareAll: number[] = [];
  const shareFresh: number[] = [];
  const before: number[] = [];
  const model: number[] = [];
  let pauses = 0;
  let shown = 0;
  let wrong = 0;
  keys.forEach((k, i) => {
    if (k.pauseAfter < PAUSE_MS) return;
    pauses++;
    const end = keys[i + 1]?.t ?? k.t + k.pauseAfter;
    const ev = ghosts.find((g) => g.t > k.t && g.t < end && (g.first.trim() !== '' || g.more.length > 0));
    if (!ev) return;
    shown++;
    const latency = ev.t - k.t;
    all.push(latency);
    const req = requests.find((r) => r.arrivedAt >= k.t && r.arrivedAt <= ev.t && r.firstLineAt !== undefined && r.firstLineAt <= ev.t + 2);
    if (req && req.firstLineAt !== undefined) {
      const own = req.firstLineAt - req.arrivedAt;
      fresh.push(latency);
      shareFresh.push(latency - own);
      shareAll.push(latency - own);
      before.push(req.arrivedAt - k.t);
      model.push(own);
    } else {
      shareAll.push(latency);
    }
    if (k.pos !== undefined) {
      const expected = full.slice(k.pos);
      const shownText = [norm(ev.first), ...ev.more.map(norm)].join('\n');
      // The first line alone is enough when the later lines were still being drawn; a ghost
      // text that starts on the next line has an empty first line and is judged by all of it.
      const firstOk = ev.first.trim() !== '' && expected.startsWith(norm(ev.first));
      if (!expected.startsWith(shownText) && !firstOk) wrong++;
    }
  });
  const aborted = requests.filter((r) => r.closedAt !== undefined && !r.ended && (r.firstLineAt === undefined || r.closedAt < r.firstLineAt)).length;
  return {
    keystrokes: keys.length,
    requests: requests.length,
    per100: Math.round((requests.length / keys.length) * 1000) / 10,
    abortedShare: requests.length ? Math.round((aborted / requests.length) * 1000) / 10 : 0,
    pauses,
    ghostRate: pauses ? Math.round((shown / pauses) * 1000) / 10 : 0,
    all: stats(all),
    fresh: stats(fresh),
    shareAll: stats(shareAll),
    shareFresh: stats(shareFresh),
    beforeRequest: stats(before),
    modelFresh: stats(model),
    wrong,
    causes: pauseCauses(keys, ghosts, requests, full, PAUSE_MS).counts,
  };
}
