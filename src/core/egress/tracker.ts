import { AsyncLocalStorage } from 'node:async_hooks';
import type { ProviderId } from '../config';
import type { FetchLike } from '../net/fetchLike';
import type { EgressLog, EgressRecord } from './egressLog';

/** What the providers report per upstream request (the engine's `onEgress`). */
export interface SentEvent {
  host: string;
  provider: ProviderId;
  feature: string;
  bytes: number;
  time?: number;
}

/** What the feature knows about a request and the provider layer does not. */
export interface EgressScope {
  feature: string;
  file?: string;
  /** Paths of the other files sent as context (inline completions). */
  contextFiles?: readonly string[];
  redactions?: number;
  redactionKinds?: readonly string[];
}

interface Active extends EgressScope {
  records: EgressRecord[];
  /** What the server answered per request (HTTP ok or not), when the fetch was wrapped. */
  answered: Map<EgressRecord, boolean>;
}

/**
 * Joins the provider layer's per-request "sent" events with what only the feature knows
 * (file, redaction) and with how the stream ended. The join is by async context, so
 * concurrent features (an inline completion during an explanation) never mix up.
 */
export class EgressTracker {
  private readonly als = new AsyncLocalStorage<Active>();

  constructor(private readonly log: EgressLog) {}

  /** Give this to the engine as `onEgress`: called once per request actually sent. */
  readonly onSent = (e: SentEvent): void => {
    const scope = this.als.getStore();
    const record = this.log.record({
      time: e.time, host: e.host, provider: e.provider, feature: scope?.feature ?? e.feature, bytes: e.bytes,
      ...(scope?.file ? { file: scope.file } : {}),
      ...(scope?.contextFiles?.length ? { contextFiles: scope.contextFiles } : {}),
      redactions: scope?.redactions ?? 0,
      redactionKinds: scope?.redactionKinds ?? [],
      // Outside a tracked stream nobody will report an end: the record is final as sent.
      outcome: scope ? 'sent' : undefined,
    });
    scope?.records.push(record);
  };

  /**
   * Runs `source` so the requests it sends are attributed to `scope`. When it ends, the last
   * request gets the stream's outcome and every earlier one (retried or fallen back from) `error`.
   */
  async *track<T>(scope: EgressScope, source: () => AsyncIterable<T>): AsyncGenerator<T> {
    const active: Active = { ...scope, records: [], answered: new Map() };
    const it = this.als.run(active, () => source()[Symbol.asyncIterator]());
    let outcome: 'ok' | 'error' | 'cancelled' = 'cancelled';
    try {
      for (;;) {
        const step = await this.als.run(active, () => it.next());
        if (step.done) break;
        // A consumer may stop right after the final `done` chunk (it has all it needs): that is success.
        if (isDoneChunk(step.value)) outcome = 'ok';
        yield step.value;
      }
      outcome = 'ok';
    } catch (e) {
      outcome = isCancellation(e) ? 'cancelled' : 'error';
      throw e;
    } finally {
      // Stopped early by the consumer (a newer keystroke): the generator's return lands here with 'cancelled'.
      if (outcome === 'cancelled') await this.als.run(active, async () => { await it.return?.(); });
      // The last request carries the stream's outcome; an earlier one (an /info look-up, a
      // retried or fallen-back attempt) what its server answered, else it was a failure.
      const last = active.records.length - 1;
      active.records.forEach((r, i) => this.log.finish(r, i === last ? outcome : active.answered.get(r) ? 'ok' : 'error'));
    }
  }

  /**
   * Wraps the providers' base fetch (the engine's `fetchFor`) so each request in a tracked
   * stream learns whether its server answered with success. The provider reports the request
   * (`onSent`) synchronously right before calling this fetch, so the newest record is its own.
   */
  wrapFetch(base: FetchLike): FetchLike {
    return async (input, init) => {
      const scope = this.als.getStore();
      const record = scope?.records[scope.records.length - 1];
      try {
        const res = await base(input, init);
        if (scope && record) scope.answered.set(record, res.ok);
        return res;
      } catch (e) {
        if (scope && record) scope.answered.set(record, false);
        throw e;
      }
    };
  }
}

function isDoneChunk(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'type' in v && v.type === 'done';
}

function isCancellation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const o: Record<string, unknown> = { ...e };
  return o.kind === 'cancelled' || (e instanceof Error && e.name === 'AbortError');
}
