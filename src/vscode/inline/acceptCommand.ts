/** The internal command an accepted item runs (not in the palette). */
export const ACCEPT_COMMAND = 'tandem.inline.accepted';
