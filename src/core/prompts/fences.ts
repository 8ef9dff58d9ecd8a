/** A fenced code block found in a model's Markdown answer. */
export interface FencedBlock {
  /** The info string's first word, lower-cased ('' when none). */
  lang: string;
  code: string;
  /** False when the answer ended before the closing fence (a cut stream, or a sloppy model). */
  closed: boolean;
  /** Offset of the opening fence in the answer. */
  start: number;
}

/**
 * Every fenced block (``` or ~~~, three or more, optionally indented up to three
 * spaces) in CommonMark's sense: the closing fence uses the same character and
 * is at least as long as the opening one, so a ```` fence may hold ``` inside.
 */
export function findFencedBlocks(answer: string): FencedBlock[] {
  const text = answer.replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  const blocks: FencedBlock[] = [];
  let offset = 0;
  let open: { char: string; len: number; lang: string; start: number; body: string[]; indent: number } | undefined;
  for (const line of lines) {
    if (!open) {
      const m = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/.exec(line);
      if (m) open = { char: m[2][0], len: m[2].length, lang: m[3].toLowerCase().replace(/^\{?\.?/, '').replace(/\}$/, ''), start: offset, body: [], indent: m[1].length };
    } else {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === open.char && close[1].length >= open.len) {
        blocks.push({ lang: open.lang, code: open.body.join('\n'), closed: true, start: open.start });
        open = undefined;
      } else {
        // CommonMark removes the opening fence's indentation from the content lines.
        open.body.push(stripUpTo(line, open.indent));
      }
    }
    offset += line.length + 1;
  }
  if (open) blocks.push({ lang: open.lang, code: open.body.join('\n'), closed: false, start: open.start });
  return blocks;
}

function stripUpTo(line: string, n: number): string {
  let i = 0;
  while (i < n && line[i] === ' ') i++;
  return line.slice(i);
}
