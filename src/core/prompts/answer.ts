import type { FencedBlock } from './fences';
import { findFencedBlocks } from './fences';

export interface AnswerContext {
  languageId: string;
  /** The code the proposal replaces. */
  original: string;
  /** Document text before and after the selection: lets a whole-file answer to a partial selection be cut back to the selection. */
  before?: string;
  after?: string;
}

export interface ExtractedCode {
  code: string;
  /** The block's closing fence was missing. */
  unclosedFence: boolean;
  /** How the code was found, for the log. */
  how: 'fence' | 'bare' | 'wholeFile';
}

/** Language tags that are clearly not the code being refactored (shell sessions, diffs, output). */
const NON_CODE_LANGS = new Set(['diff', 'patch', 'bash', 'sh', 'shell', 'console', 'shell-session', 'text', 'txt', 'output', 'plaintext', 'json5']);

/** VS Code language ids and the fence tags models use for them. */
const LANG_ALIASES: Record<string, readonly string[]> = {
  typescript: ['ts', 'typescript', 'tsx'],
  typescriptreact: ['tsx', 'typescript', 'ts', 'typescriptreact'],
  javascript: ['js', 'javascript', 'jsx', 'mjs', 'cjs', 'node'],
  javascriptreact: ['jsx', 'javascript', 'js', 'javascriptreact'],
  python: ['py', 'python', 'python3'],
  csharp: ['cs', 'csharp', 'c#'],
  cpp: ['cpp', 'c++', 'cc', 'cxx', 'hpp'],
  c: ['c', 'h'],
  shellscript: ['sh', 'bash', 'shell', 'zsh', 'shellscript'],
  rust: ['rs', 'rust'],
  go: ['go', 'golang'],
  ruby: ['rb', 'ruby'],
  kotlin: ['kt', 'kotlin'],
  markdown: ['md', 'markdown'],
  yaml: ['yml', 'yaml'],
  powershell: ['ps1', 'powershell', 'pwsh'],
};

export function langMatches(tag: string, languageId: string): boolean {
  if (!tag) return true;
  if (tag === languageId.toLowerCase()) return true;
  return (LANG_ALIASES[languageId] ?? []).includes(tag);
}

/**
 * The replacement code in a model's answer. The prompt asks for one fenced
 * block; models still add prose, show the original next to the new version,
 * append a usage example, forget the fence, or return the whole file.
 * Rules: prefer fenced blocks in the selection's language (or untagged), drop
 * blocks that merely repeat the original, take the longest remaining one
 * (examples and snippets are shorter than a full replacement).
 */
export function extractCode(answer: string, ctx: AnswerContext): ExtractedCode | undefined {
  const blocks = findFencedBlocks(answer);
  let picked: ExtractedCode | undefined;
  if (blocks.length > 0) {
    const block = pickBlock(blocks, ctx);
    if (block) picked = { code: block.code, unclosedFence: !block.closed, how: 'fence' };
  } else {
    const bare = stripProse(answer.replace(/\r\n/g, '\n'));
    if (bare.trim()) picked = { code: bare, unclosedFence: false, how: 'bare' };
  }
  if (!picked) return undefined;
  const cut = cutWholeFile(picked.code, ctx);
  return cut === undefined ? picked : { ...picked, code: cut, how: 'wholeFile' };
}

function pickBlock(blocks: FencedBlock[], ctx: AnswerContext): FencedBlock | undefined {
  const nonEmpty = blocks.filter((b) => b.code.trim() !== '');
  const sameLang = nonEmpty.filter((b) => langMatches(b.lang, ctx.languageId));
  const candidates = sameLang.length > 0
    ? sameLang
    : nonEmpty.filter((b) => !NON_CODE_LANGS.has(b.lang) || langMatches(b.lang, ctx.languageId));
  if (candidates.length === 0) return nonEmpty.length === 1 ? nonEmpty[0] : undefined;
  const changed = candidates.filter((b) => normalize(b.code) !== normalize(ctx.original));
  const pool = changed.length > 0 ? changed : candidates;
  // Longest wins; on a tie the later one (an "after" follows its "before").
  return pool.reduce((best, b) => (b.code.length >= best.code.length ? b : best));
}

/** Without a fence: drop a lead-in sentence ("Here is the refactored code:") and a trailing remark after a blank line. */
function stripProse(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 1 && isLeadIn(lines[0])) lines.shift();
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.join('\n');
}

function isLeadIn(line: string): boolean {
  const t = line.trim();
  return t === '' || /^(here('s| is| are)|sure|certainly|of course|below is|the (refactored|updated|simplified|modernized|rewritten)|i('ve| have))\b.*[:.!]$/i.test(t);
}

/** When the answer holds the unchanged text around the selection too, keep only the middle. */
function cutWholeFile(code: string, ctx: AnswerContext): string | undefined {
  const before = (ctx.before ?? '').replace(/\r\n/g, '\n');
  const after = (ctx.after ?? '').replace(/\r\n/g, '\n');
  if (!before.trim() && !after.trim()) return undefined;
  const b = before.trim();
  const a = after.trim();
  const c = code.trim();
  if ((b && !c.startsWith(b)) || (a && !c.endsWith(a))) return undefined;
  if (c.length < b.length + a.length) return undefined;
  return c.slice(b.length, c.length - a.length).replace(/^\n+/, '').replace(/\n+$/, '');
}

function normalize(code: string): string {
  return code.replace(/\s+/g, ' ').trim();
}
