import type { Offer } from './typingThrough';

/**
 * Where the text before the cursor stands against the suggestions shown last, for the two
 * cases typing-through does not cover (it serves the rest while the person types what is
 * on screen):
 * - 'finished': the person has typed (or accepted) the whole suggestion. The model thought
 *   the statement ends there, and people stop at the end of a statement: ask at once.
 * - 'broken': inside a word, the person typed a different letter than the suggestion's
 *   next one. Mostly a typo, undone by the next key (a Backspace): a request for it is
 *   paid for and thrown away.
 */
export type OfferState = 'finished' | 'broken';

/** As in typingThrough.ts: the start of the suffix must be unchanged, and the end of the old prefix still there. */
const SUFFIX_CHECK = 200;
const PREFIX_CHECK = 1000;
/** A suggestion broken further in than this is not looked for (typing-through stops there too). */
const MAX_TYPED = 64;
const WORD = /[\p{L}\p{N}_$]/u;

function sameSuffix(offer: Offer, suffix: string): boolean {
  return suffix.slice(0, SUFFIX_CHECK) === offer.suffix.slice(0, SUFFIX_CHECK);
}

/** True when `prefix` is the offer's prefix followed by its whole text. */
export function finishedOffer(offer: Offer, documentId: string, prefix: string, suffix: string): boolean {
  if (offer.documentId !== documentId || offer.text.trim() === '' || !sameSuffix(offer, suffix)) return false;
  return prefix.endsWith(offer.prefix.slice(-PREFIX_CHECK) + offer.text);
}

/**
 * True when `prefix` is the offer's prefix, some of its text, and then one letter that is
 * not the text's next one, in the middle of a word (the letters before and after are word
 * characters too). A different word started after a space or a bracket is no typo.
 */
export function brokeOfferMidWord(offer: Offer, documentId: string, prefix: string, suffix: string): boolean {
  if (offer.documentId !== documentId || !sameSuffix(offer, suffix) || prefix.length < 2) return false;
  const typedChar = prefix[prefix.length - 1];
  const before = prefix.slice(0, -1);
  if (!WORD.test(typedChar) || !WORD.test(before[before.length - 1])) return false;
  const anchor = offer.prefix.slice(-PREFIX_CHECK);
  const text = offer.text;
  for (let t = 0; t < Math.min(text.length, MAX_TYPED); t++) {
    const expected = text[t];
    if (expected === typedChar || !WORD.test(expected)) continue;
    if (before.endsWith(anchor + text.slice(0, t))) return true;
  }
  return false;
}

/** The state against the newest offer that says something (offers newest first). */
export function offerState(offers: readonly Offer[], documentId: string, prefix: string, suffix: string): OfferState | undefined {
  for (const o of offers) {
    if (finishedOffer(o, documentId, prefix, suffix)) return 'finished';
    if (brokeOfferMidWord(o, documentId, prefix, suffix)) return 'broken';
  }
  return undefined;
}
