/**
 * The "document still holds exactly the text the proposal was computed from"
 * check. A proposal replaces the range [start, end) of a document snapshot;
 * before applying, the current text must still contain that exact selection
 * with exactly the same text before it, or the same text after it (edits on
 * the other side of the selection only shift where it is).
 */
export interface Snapshot {
  /** Full document text when the request was built. */
  text: string;
  /** Offsets of the selection in `text`. */
  start: number;
  end: number;
}

export type WhereToApply =
  | { ok: true; start: number; end: number }
  | { ok: false; reason: string };

export function locateUnchanged(current: string, snap: Snapshot): WhereToApply {
  if (current === snap.text) return { ok: true, start: snap.start, end: snap.end };
  const selected = snap.text.slice(snap.start, snap.end);
  const upToEnd = snap.text.slice(0, snap.end);
  // Edited only after the selection: same offsets.
  if (current.startsWith(upToEnd)) return { ok: true, start: snap.start, end: snap.end };
  // Edited only before the selection: the same tail, shifted.
  const fromStart = snap.text.slice(snap.start);
  if (current.endsWith(fromStart)) {
    const start = current.length - fromStart.length;
    return { ok: true, start, end: start + selected.length };
  }
  const sameSelection = current.includes(selected);
  return {
    ok: false,
    reason: sameSelection
      ? 'The document was edited around the selection while the refactor ran, so the proposal may no longer fit; nothing was applied. Run the refactor again.'
      : 'The selected code was edited while the refactor ran; nothing was applied, so none of your changes were lost. Run the refactor again.',
  };
}
