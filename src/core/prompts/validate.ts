import type { FinishReason } from '../llm/types';
import type { AnswerContext, ExtractedCode } from './answer';
import { extractCode } from './answer';

export interface StreamOutcome {
  /** The whole answer text as streamed. */
  text: string;
  /** The `done` chunk's finish reason; undefined when the stream never delivered one (cut). */
  finishReason: FinishReason | undefined;
}

export type Proposal =
  | { ok: true; code: string; how: ExtractedCode['how']; unchanged: boolean }
  | { ok: false; reason: string };

/**
 * Turns a finished refactor stream into code that may be applied, or a reason
 * it may not. A cut or token-limited answer is never applied: a half function
 * pasted over a whole one loses the user's code.
 */
export function validateRefactorAnswer(outcome: StreamOutcome, ctx: AnswerContext): Proposal {
  if (outcome.finishReason === undefined) {
    return { ok: false, reason: 'The answer stream ended before the model finished (connection cut); nothing was applied.' };
  }
  if (outcome.finishReason === 'cancelled') return { ok: false, reason: 'The request was cancelled; nothing was applied.' };
  if (outcome.finishReason === 'length') {
    return { ok: false, reason: 'The answer was cut off at the model\'s token limit, so it is incomplete; nothing was applied. Select a smaller part and try again.' };
  }
  if (!outcome.text.trim()) return { ok: false, reason: 'The model returned an empty answer; nothing was applied.' };
  const extracted = extractCode(outcome.text, ctx);
  if (!extracted || !extracted.code.trim()) return { ok: false, reason: 'The answer held no code to apply; nothing was applied.' };
  if (extracted.unclosedFence && outcome.finishReason !== 'stop') {
    return { ok: false, reason: 'The answer\'s code block was not closed and the model did not report a normal stop, so it may be incomplete; nothing was applied.' };
  }
  if (looksElided(extracted.code, ctx.original)) {
    return { ok: false, reason: 'The answer left parts out ("... rest unchanged"), so applying it would delete code; nothing was applied.' };
  }
  const unchanged = extracted.code.trim() === ctx.original.trim();
  return { ok: true, code: extracted.code, how: extracted.how, unchanged };
}

/** Placeholder comments models write instead of the code they left out. */
const ELISION = new RegExp([
  // `// ...`, `# …`, `/* ... */`, optionally followed by "rest unchanged" and the like
  String.raw`^\s*(\/\/|#|\/\*|--|<!--)\s*(\.\.\.|…)\s*(\(?\s*(rest|remaining|existing|other|same|unchanged|previous)\b[^\n]*)?(\*\/|-->)?\s*$`,
  // a bare `... rest unchanged` (a bare `...` alone is Python's Ellipsis, legitimate code)
  String.raw`^\s*(\.\.\.|…)\s*\(?\s*(rest|remaining|existing|other|same|unchanged|previous)\b[^\n]*$`,
  // `// rest of the code unchanged`, `# existing methods remain`
  String.raw`^\s*(\/\/|#|\/\*|--)\s*\.{0,3}\s*(rest of|remaining|existing|other) (the )?(code|implementation|methods|logic|cases)[^\n]*(unchanged|as before|remains?|here|same)`,
].join('|'), 'im');

function looksElided(code: string, original: string): boolean {
  // Only when the original itself did not contain such a line (e.g. a real `...` spread or Python Ellipsis).
  return ELISION.test(code) && !ELISION.test(original);
}
