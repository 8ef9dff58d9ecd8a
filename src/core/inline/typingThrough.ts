/**
 * Typing-through: while the person types the first characters of the suggestion on
 * screen, the rest of it is still right, so serve it with no request.
 */
export interface Offer {
  /** The document the suggestion was shown in. */
  documentId: string;
  /** Code before the cursor when it was computed (the window's prefix). */
  prefix: string;
  /** Code after the cursor then (only its start is compared). */
  suffix: string;
  /** The completion as shown. */
  text: string;
}

/** How much of the suffix must be unchanged for an offer to still apply. */
const SUFFIX_CHECK = 200;
/** How much of the old prefix must still be there (the window's start moves as lines are added). */
const PREFIX_CHECK = 1000;

/**
 * The rest of `offer` when the new context is the offer's context plus some of the
 * offer's own first characters; undefined when the person typed something else.
 */
export function remainderAfterTyping(offer: Offer, documentId: string, prefix: string, suffix: string): string | undefined {
  if (offer.documentId !== documentId) return undefined;
  if (suffix.slice(0, SUFFIX_CHECK) !== offer.suffix.slice(0, SUFFIX_CHECK)) return undefined;
  const anchor = offer.prefix.slice(-PREFIX_CHECK);
  const text = offer.text;
  // t = characters typed since the offer; the old prefix must end right before them.
  for (let t = 1; t < text.length && t + anchor.length <= prefix.length; t++) {
    const at = prefix.length - t - anchor.length;
    if (prefix.startsWith(anchor, at) && prefix.endsWith(text.slice(0, t))) return text.slice(t);
  }
  return undefined;
}
