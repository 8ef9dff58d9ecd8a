import { hashString } from './rng';

/**
 * A stand-in FIM model that knows the file being typed: most of the time it continues
 * the true text from the cursor for 40-160 characters (so near the end of the hole it
 * runs on into the code after it, like real FIM models: the duplicate-suffix case), and
 * sometimes it is wrong. Deterministic per prompt.
 */
export function fimModel(target: string, accuracy = 0.7): (prompt: string) => string {
  return (prompt) => {
    const a = prompt.indexOf('<fim_prefix>') + '<fim_prefix>'.length;
    const b = prompt.indexOf('<fim_suffix>');
    const prefix = prompt.slice(a, b);
    const h = hashString(prefix);
    const tail = prefix.slice(-160);
    const at = tail ? target.indexOf(tail) : -1;
    if (at < 0 || (h % 1000) / 1000 >= accuracy) return 'handleItem(value);\nreturn result;<|endoftext|>';
    const k = at + tail.length;
    return `${target.slice(k, k + 40 + (h % 120))}<|endoftext|>`;
  };
}
