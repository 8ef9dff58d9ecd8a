import { escapeHtml } from './escape';

/**
 * A small keyword highlighter for code blocks in explanations: comments,
 * strings, numbers and keywords of the common languages, as escaped HTML
 * spans with classes the panel's CSS colours from the theme. Deliberately
 * approximate: one tokenizer for all C-like languages and Python/shell.
 */
const KEYWORDS = new Set(
  ('abstract as async await break case catch class const continue def default del do elif else enum export extends ' +
    'false final finally fn for from func function go if impl implements import in interface is lambda let loop match ' +
    'mod module mut new nil none null package pass private protected pub public raise readonly return self static ' +
    'struct super switch this throw throws true try type typeof undefined use using var void where while with yield ' +
    'None True False elif except global nonlocal not and or').split(' '),
);

const HASH_COMMENT_LANGS = new Set(['python', 'py', 'ruby', 'rb', 'sh', 'bash', 'shell', 'shellscript', 'yaml', 'yml', 'toml', 'r', 'perl', 'powershell', 'dockerfile', 'makefile']);

export function highlight(code: string, lang: string): string {
  const hash = HASH_COMMENT_LANGS.has(lang.toLowerCase());
  const token = new RegExp(
    [
      hash ? String.raw`(#[^\n]*)` : String.raw`(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))`,
      String.raw`("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|` + '`(?:[^`\\\\]|\\\\.)*`?)',
      String.raw`(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b|\b0x[\da-f]+\b)`,
      String.raw`([A-Za-z_$][\w$]*)`,
    ].join('|'),
    'gi',
  );
  let out = '';
  let last = 0;
  for (const m of code.matchAll(token)) {
    const at = m.index ?? 0;
    out += escapeHtml(code.slice(last, at));
    const [text, comment, str, num, word] = m;
    if (comment !== undefined) out += span('comment', text);
    else if (str !== undefined) out += span('string', text);
    else if (num !== undefined) out += span('number', text);
    else if (word !== undefined && KEYWORDS.has(word)) out += span('keyword', text);
    else out += escapeHtml(text);
    last = at + text.length;
  }
  return out + escapeHtml(code.slice(last));
}

function span(cls: string, text: string): string {
  return `<span class="tk-${cls}">${escapeHtml(text)}</span>`;
}
