import type { ProviderId } from '../config';
import type { FetchLike } from '../net/fetchLike';
import type { EgressLog } from './egressLog';

/**
 * A fetch that records each request in the egress log with its outcome, for requests made
 * outside the engine (the connection test's `/models`, `/info`, `/health` probes), so the
 * log lists every request that left, not only the model calls.
 */
export function egressFetch(log: EgressLog, base: FetchLike, provider: ProviderId, feature: string): FetchLike {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = init?.body;
    const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0;
    const record = log.record({ host: url, provider, feature, bytes });
    try {
      const res = await base(input, init);
      log.finish(record, res.ok ? 'ok' : 'error');
      return res;
    } catch (e) {
      log.finish(record, e instanceof Error && e.name === 'AbortError' ? 'cancelled' : 'error');
      throw e;
    }
  };
}
