import { parseChatAnswer } from './chatAnswer';
import type { ChatMessage, FimRequest } from './types';

/**
 * Inline completion on a chat model (current OpenAI chat models have no FIM `suffix`):
 * a prompt asking for exactly the text to insert at the cursor, and a parser that copes
 * with what chat models do anyway (code fences, echoing the line before the cursor).
 */
export const CURSOR = '<CURSOR>';

export function inlineChatMessages(req: FimRequest): ChatMessage[] {
  const lang = req.languageId ? ` (${req.languageId})` : '';
  const file = req.filePath ? `File: ${req.filePath}${lang}\n` : '';
  const context = (req.snippets ?? []).map((s) => `--- ${s.path} ---\n${s.text}`).join('\n\n');
  const system = [
    'You are a code completion engine. You receive a file with the marker ' + CURSOR + ' where the cursor is.',
    'Reply with exactly the text to insert at the cursor and nothing else: no explanation, no code fences, no repetition of code before or after the cursor.',
    'Keep it short: finish the current statement or block. If nothing fits, reply with nothing.',
  ].join(' ');
  const user = `${context ? `Related code from other files:\n${context}\n\n` : ''}${file}${req.prefix}${CURSOR}${req.suffix}`;
  return [{ role: 'system', content: system }, { role: 'user', content: user }];
}

/** The text to insert, from a chat model's answer (fences, prose, markers and an echoed prefix removed). */
export function parseInlineAnswer(answer: string, prefix: string, suffix: string): string {
  let out = parseChatAnswer(answer, { prefix, markers: [CURSOR] });
  // An echoed start of the suffix at the end (the code after the cursor is already there).
  const firstLine = suffix.trimStart().split('\n')[0].trimEnd();
  const trimmed = out.trimEnd();
  if (firstLine && trimmed.length > firstLine.length && trimmed.endsWith(firstLine)) out = trimmed.slice(0, trimmed.length - firstLine.length).trimEnd();
  return out;
}
