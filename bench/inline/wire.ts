import dc from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

/**
 * When completion requests really left the process: Node's fetch (undici) publishes
 * `undici:request:bodySent` once the body is written to the socket.
 */
const sent: number[] = [];
const created: number[] = [];

dc.subscribe('undici:request:create', (message: unknown) => {
  const at = performance.now();
  const req = message && typeof message === 'object' && 'request' in message ? message.request : undefined;
  const path = req && typeof req === 'object' && 'path' in req ? String(req.path) : '';
  if (path.endsWith('/v1/completions')) created.push(at);
});

dc.subscribe('undici:request:bodySent', (message: unknown) => {
  const at = performance.now();
  const req = message && typeof message === 'object' && 'request' in message ? message.request : undefined;
  const path = req && typeof req === 'object' && 'path' in req ? String(req.path) : '';
  if (path.endsWith('/v1/completions')) sent.push(at);
});

/** The first completion request body sent at or after `t` (calls are made one at a time per editor). */
export function sentAfter(t: number): number | undefined {
  for (const at of sent) if (at >= t) return at;
  return undefined;
}

/** The first completion request handed to undici (fetch called and dispatched) at or after `t`. */
export function createdAfter(t: number): number | undefined {
  for (const at of created) if (at >= t) return at;
  return undefined;
}
