import type { Clock } from './clock';
import type { InlineRequest, InlineStream, RequestInfo } from './completerTypes';
import { InlineTimeoutError } from './timeout';
import type { TokenSet } from './postprocess';
import { postProcess } from './postprocess';
import type { ContextWindow } from './window';

/**
 * Reads one inline answer from the model's stream: the timeout, the early stop of a
 * one-line answer, and, for a multi-line answer, its first line as soon as it is complete
 * (shown at once while the rest keeps streaming into the cache).
 */
export interface ReadArgs {
  stream: InlineStream;
  req: InlineRequest;
  win: ContextWindow;
  info: RequestInfo;
  controller: AbortController;
  clock: Clock;
  timeoutMs: number;
  multiline: boolean;
  tokens?: TokenSet;
  /** The post-processed first line of a multi-line answer, once, when it is complete. */
  onFirstLine?(text: string): void;
}

/** Undefined text: nothing to show; `failure`: an error or the timeout (an abort by us is neither). */
export interface ReadResult {
  text?: string;
  failure?: unknown;
}

/** Leading blank lines plus the first line with code, without its line break, once that line has ended. */
export function completeFirstLine(raw: string): string | undefined {
  const m = /^((?:[ \t]*\r?\n)*[^\n]*\S[^\n]*)\n/.exec(raw);
  return m ? m[1].replace(/\r$/, '') : undefined;
}

export async function readAnswer(a: ReadArgs): Promise<ReadResult> {
  const { info, controller, clock } = a;
  let failure: unknown;
  const timer = clock.setTimeout(() => {
    info.timedOut = true;
    failure = new InlineTimeoutError(a.timeoutMs);
    controller.abort();
  }, a.timeoutMs);
  const pp = { ...(a.tokens ? { tokens: a.tokens } : {}), multiline: a.multiline };
  let raw = '';
  let firstSent = !a.multiline || !a.onFirstLine;
  try {
    info.providerCalledAt = clock.now();
    for await (const chunk of a.stream(a.req, controller.signal, info.id)) {
      // The route event is the engine's, not a byte from the model.
      if (chunk.type === 'route') continue;
      info.lastByteAt = clock.now();
      if (chunk.type === 'done') {
        info.usage = chunk.usage;
        break;
      }
      raw += chunk.text;
      // A one-line context needs only the first line: stop paying for the rest.
      if (!a.multiline && /\S[^\n]*\n/.test(raw)) {
        info.stoppedEarly = true;
        break;
      }
      if (!firstSent) {
        const first = completeFirstLine(raw);
        if (first !== undefined) {
          firstSent = true;
          const text = postProcess(first, a.win, pp);
          if (text !== undefined && text.trim() !== '') a.onFirstLine?.(text);
        }
      }
    }
  } catch (err) {
    failure ??= err;
  } finally {
    clock.clearTimeout(timer);
    if (info.stoppedEarly) controller.abort();
  }
  if (failure !== undefined) return { failure };
  if (controller.signal.aborted && !info.stoppedEarly) return {};
  // A chat model's answer (OpenAI) was already reduced to the insertion by its provider.
  const text = postProcess(raw, a.win, pp);
  return text === undefined ? {} : { text };
}
