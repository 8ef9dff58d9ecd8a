/**
 * A stand-in model for the context benchmark: it completes a call correctly only when the
 * definition it needs is in the prompt (the declaration line of the called symbol,
 * commented or not), or when the very same call was already written before the cursor (a
 * model copies what it sees). Otherwise it guesses, plausibly and wrongly, as real models
 * do when they cannot see the signature.
 */
export interface Probe {
  /** The symbol called at the cursor. */
  symbol: string;
  /** The declaration line the completion needs (trimmed). */
  needs: string;
  /** The rest of the line: the correct ghost text. */
  expected: string;
}

export function standInAnswer(prompt: string, cursorPrefix: string, probe: Probe): string {
  if (prompt.includes(probe.needs)) return probe.expected;
  if (cursorPrefix.slice(0, -1).includes(`${probe.symbol}(${probe.expected}`)) return probe.expected;
  return 'value, options);';
}
