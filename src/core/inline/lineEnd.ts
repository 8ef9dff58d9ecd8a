import type { InlineStream } from './completerTypes';
import { isMultiline, postProcess } from './postprocess';
import type { ReadArgs, ReadResult } from './readAnswer';
import { readAnswer } from './readAnswer';

/**
 * Reads an answer the way its context calls for, with one addition at the end of a line:
 * there the lines after the cursor's are what the person writes next, so the answer is
 * read as a block (its first line shown as soon as it is complete, the rest kept for
 * typing-through) instead of being cut after one line. One request then serves several
 * lines, where a cut answer had to be asked again at the end of every line. When the
 * block ends at once (the model's next line closes the cursor's block), the answer is
 * what a one-line context shows there: its next line with code.
 */
export async function readForContext(a: Omit<ReadArgs, 'multiline'>): Promise<ReadResult> {
  const multiline = isMultiline(a.win);
  if (multiline || a.win.lineSuffix.trim() !== '') return readAnswer({ ...a, multiline });
  let raw = '';
  const source = a.stream;
  const stream: InlineStream = async function* (req, signal, requestId) {
    for await (const chunk of source(req, signal, requestId)) {
      if (chunk.type === 'text') raw += chunk.text;
      yield chunk;
    }
  };
  const read = await readAnswer({ ...a, stream, multiline: true });
  if (read.text !== undefined || read.failure !== undefined || a.controller.signal.aborted) return read;
  const line = postProcess(raw, a.win, { ...(a.tokens ? { tokens: a.tokens } : {}), multiline: false });
  return line === undefined ? read : { text: line };
}
