import { seeded } from './rng';

/**
 * A scripted typing trace: the keystrokes a person makes to type `text`, with
 * realistic gaps (60-200 ms between keys, longer pauses after a line or a statement,
 * occasional typos fixed with backspace). Enter includes the editor's auto-indent.
 */
export type Keystroke = { delayMs: number } & ({ kind: 'type'; ch: string } | { kind: 'enter'; indent: string } | { kind: 'backspace' });

const NEIGHBOURS = 'qwertyuiopasdfghjklzxcvbnm';

export function makeTrace(text: string, seed: number): Keystroke[] {
  const rnd = seeded(seed);
  const keys: Keystroke[] = [];
  const gap = () => 60 + rnd() * 140;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      // Thinking after a line: half the time a real pause.
      keys.push({ kind: 'enter', indent: text.slice(i + 1, j), delayMs: gap() + (rnd() < 0.5 ? 300 + rnd() * 1200 : 0) });
      i = j;
      continue;
    }
    if (/[a-z]/.test(c) && rnd() < 0.03) {
      keys.push({ kind: 'type', ch: NEIGHBOURS[Math.floor(rnd() * NEIGHBOURS.length)], delayMs: gap() });
      keys.push({ kind: 'backspace', delayMs: 150 + rnd() * 250 });
    }
    const pause = c === ' ' && /[;,{(=]/.test(text[i - 1] ?? '') && rnd() < 0.3 ? 150 + rnd() * 400 : 0;
    keys.push({ kind: 'type', ch: c, delayMs: gap() + pause });
    i++;
  }
  return keys;
}

/**
 * The editor under the keystrokes: text left of the cursor, auto-closed brackets
 * right of it (typed over when the person types the closer, as VS Code does), and the
 * rest of the file.
 */
export class SimEditor {
  private left: string;
  private pending = '';

  constructor(before: string, private readonly after: string) {
    this.left = before;
  }

  apply(k: Keystroke): void {
    if (k.kind === 'enter') {
      this.left += `\n${k.indent}`;
      return;
    }
    if (k.kind === 'backspace') {
      const last = this.left[this.left.length - 1];
      this.left = this.left.slice(0, -1);
      if ((last === '(' && this.pending[0] === ')') || (last === '[' && this.pending[0] === ']')) this.pending = this.pending.slice(1);
      return;
    }
    const c = k.ch;
    if ((c === ')' || c === ']') && this.pending[0] === c) {
      this.left += c;
      this.pending = this.pending.slice(1);
      return;
    }
    const next = (this.pending + this.after)[0] ?? '';
    if ((c === '(' || c === '[') && (next === '' || /[\s)\];,]/.test(next))) {
      this.left += c;
      this.pending = (c === '(' ? ')' : ']') + this.pending;
      return;
    }
    this.left += c;
  }

  text(): string {
    return this.left + this.pending + this.after;
  }

  cursorOffset(): number {
    return this.left.length;
  }
}
