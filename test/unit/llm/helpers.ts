import type { Chunk, Usage } from '../../../src/core/llm/types';
import type { ProviderError } from '../../../src/core/llm/errors';
import { isProviderError } from '../../../src/core/llm/errors';

export interface Outcome {
  text: string;
  done?: Extract<Chunk, { type: 'done' }>;
  error?: ProviderError;
  usage?: Usage;
}

/** Drains a stream into what the caller saw; optionally aborts after `abortAfter` text chunks. */
export async function collect(stream: AsyncIterable<Chunk>, opts: { controller?: AbortController; abortAfter?: number } = {}): Promise<Outcome> {
  const out: Outcome = { text: '' };
  let n = 0;
  try {
    for await (const c of stream) {
      if (c.type === 'text') {
        out.text += c.text;
        n++;
        if (opts.abortAfter !== undefined && n >= opts.abortAfter) opts.controller?.abort();
      } else {
        out.done = c;
        out.usage = c.usage;
      }
    }
  } catch (e) {
    if (!isProviderError(e)) throw e;
    out.error = e;
    out.usage = e.usage;
  }
  return out;
}

/** Waits until `check` holds (polling), for server-side effects that land just after the client's. */
export async function eventually(check: () => boolean, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}
