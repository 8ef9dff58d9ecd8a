import dc from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

/**
 * When each benchmark request really left the process: Node's fetch (undici) publishes
 * `undici:request:bodySent` once the body is written to the socket. Requests are told
 * apart by the `x-bench-id` header the benchmark backend adds.
 */
export const bodySentAt = new Map<string, number>();

dc.subscribe('undici:request:bodySent', (message: unknown) => {
  const at = performance.now();
  const headers = message && typeof message === 'object' && 'request' in message && message.request && typeof message.request === 'object' && 'headers' in message.request ? message.request.headers : undefined;
  if (!Array.isArray(headers)) return;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === 'x-bench-id') bodySentAt.set(String(headers[i + 1]), at);
  }
});
