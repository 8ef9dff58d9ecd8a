import type { RequestInfo } from './completerTypes';
import type { ContextWindow } from './window';

/**
 * The request an editor has in flight, and whether a newer keystroke can use its answer
 * instead of paying for a new request.
 */
export interface InFlight {
  info: RequestInfo;
  documentId: string;
  prefix: string;
  suffix: string;
  controller: AbortController;
  /** The whole post-processed answer (undefined: nothing to show, or aborted). */
  result: Promise<string | undefined>;
  /** A multi-line answer's first line as soon as it is complete; else the same as `result`. */
  firstLine: Promise<string | undefined>;
}

/** At most this many characters typed into an in-flight request's answer are waited for. */
const MAX_TYPED_INTO_INFLIGHT = 64;

/**
 * The person keeps typing while a request runs (or the editor asks for the very state a
 * request was sent ahead for): if the new text only extends the prefix that request was
 * sent with, its answer may still fit; wait for it instead of aborting it and paying for a
 * new one. Undefined: it cannot fit, abort it; `text` undefined: it did not fit after all.
 * The first line is used as soon as it is there and the typed text stays inside it, so
 * waiting for a request costs no more than having sent it.
 */
export async function typedIntoInflight(fl: InFlight | undefined, documentId: string, win: ContextWindow): Promise<{ text?: string; info: RequestInfo } | undefined> {
  const typed = typedSince(fl, documentId, win);
  if (fl === undefined || typed === undefined) return undefined;
  const fits = (t: string | undefined): t is string => t !== undefined && t.startsWith(typed) && t.length > typed.length;
  const first = await fl.firstLine;
  const text = fits(first) ? first : await fl.result;
  if (!fits(text)) return { info: fl.info };
  return { text: text.slice(typed.length), info: fl.info };
}

/** What was typed since the in-flight request was sent, when the new context only extends its prefix. */
export function typedSince(fl: InFlight | undefined, documentId: string, win: ContextWindow): string | undefined {
  if (!fl || fl.documentId !== documentId) return undefined;
  if (win.suffix.slice(0, 200) !== fl.suffix.slice(0, 200)) return undefined;
  const anchor = fl.prefix.slice(-1000);
  const at = win.prefix.lastIndexOf(anchor);
  if (at < 0) return undefined;
  const typed = win.prefix.slice(at + anchor.length);
  return typed.length > MAX_TYPED_INTO_INFLIGHT ? undefined : typed;
}
