import type { FimTemplate } from './templates';

/**
 * FIM prompts that carry code from other files of the project.
 *
 * StarCoder2 and Qwen2.5-Coder were trained on repository-level prompts, so they get
 * their own file separators; every other FIM family gets the snippets as a comment
 * block at the start of the prefix (each line commented, headed by its path), which any
 * code model reads as code it has seen. Without snippets the prompt is exactly the
 * template's own, byte for byte.
 *
 * StarCoder2: `<repo_name>{repo}<file_sep>{path}\n{code}<file_sep><fim_prefix>{path}\n{pre}<fim_suffix>{suf}<fim_middle>`
 * Qwen2.5-Coder: `<|repo_name|>{repo}\n<|file_sep|>{path}\n{code}\n<|file_sep|>{path}\n<|fim_prefix|>{pre}<|fim_suffix|>{suf}<|fim_middle|>`
 */
export interface FimParts {
  prefix: string;
  suffix: string;
  /** The current file's workspace-relative path. */
  filePath?: string;
  languageId?: string;
  snippets?: readonly { path: string; text: string }[];
  /** The repository's name, when known (both repository formats make it optional). */
  repoName?: string;
}

export type RepoFormat = 'starcoder2' | 'qwen' | 'comments';

/** StarCoder (1) has no `<file_sep>` training; CodeQwen1.5 spells its tokens differently from Qwen2.5. */
export function repoFormatFor(template: FimTemplate, model: string): RepoFormat {
  if (template.id === 'starcoder' && /starcoder2/i.test(model)) return 'starcoder2';
  if (template.id === 'qwen' && !/codeqwen/i.test(model)) return 'qwen';
  return 'comments';
}

export function fimPrompt(template: FimTemplate, model: string, parts: FimParts): string {
  const snippets = (parts.snippets ?? []).filter((s) => s.text.trim() !== '');
  if (!snippets.length) return template.build(parts.prefix, parts.suffix);
  switch (repoFormatFor(template, model)) {
    case 'starcoder2': return starcoder2(parts, snippets);
    case 'qwen': return qwen(parts, snippets);
    case 'comments': return template.build(commentBlock(snippets, parts.languageId, parts.filePath) + parts.prefix, parts.suffix);
  }
}

/** One trailing newline, so the next separator starts a line. */
const body = (text: string): string => `${text.replace(/\s+$/, '')}\n`;

function starcoder2(p: FimParts, snippets: readonly { path: string; text: string }[]): string {
  const repo = p.repoName ? `<repo_name>${p.repoName}` : '';
  const files = snippets.map((s) => `<file_sep>${s.path}\n${body(s.text)}`).join('');
  const path = p.filePath ? `${p.filePath}\n` : '';
  return `${repo}${files}<file_sep><fim_prefix>${path}${p.prefix}<fim_suffix>${p.suffix}<fim_middle>`;
}

function qwen(p: FimParts, snippets: readonly { path: string; text: string }[]): string {
  const repo = p.repoName ? `<|repo_name|>${p.repoName}\n` : '';
  const files = snippets.map((s) => `<|file_sep|>${s.path}\n${body(s.text)}`).join('');
  const path = p.filePath ? `<|file_sep|>${p.filePath}\n` : '<|file_sep|>';
  return `${repo}${files}${path}<|fim_prefix|>${p.prefix}<|fim_suffix|>${p.suffix}<|fim_middle|>`;
}

const HASH = new Set(['python', 'ruby', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'elixir', 'julia', 'coffeescript', 'nim']);
const DASHES = new Set(['lua', 'sql', 'haskell', 'elm', 'ada']);

export function lineComment(languageId: string | undefined): string {
  if (languageId && HASH.has(languageId)) return '#';
  if (languageId && DASHES.has(languageId)) return '--';
  return '//';
}

/**
 * `// Path: src/a.ts\n// export function f() {...}\n` per snippet, then the current
 * file's own path line, so the model knows where the code after it lives.
 */
export function commentBlock(snippets: readonly { path: string; text: string }[], languageId?: string, filePath?: string): string {
  const c = lineComment(languageId);
  const blocks = snippets.map((s) => {
    const lines = s.text.replace(/\s+$/, '').split('\n').map((l) => (l ? `${c} ${l}` : c));
    return `${c} Path: ${s.path}\n${lines.join('\n')}\n`;
  });
  const own = filePath ? `${c} Path: ${filePath}\n` : '';
  return `${blocks.join(`${c}\n`)}${own}`;
}
