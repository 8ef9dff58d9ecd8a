/**
 * No request when the cursor is in the middle of a word, or right before one: a
 * completion would have to be inserted inside an identifier (`fo|o`), which is never
 * what the person is writing. Closers, punctuation and whitespace to the right are fine
 * (`foo(|)`, `x = |;`): the editor auto-closes those.
 */
const WORD_CHAR = /[\p{L}\p{N}_$]/u;

export function isMidWord(lineSuffix: string): boolean {
  const next = lineSuffix.charAt(0);
  return next !== '' && WORD_CHAR.test(next);
}
