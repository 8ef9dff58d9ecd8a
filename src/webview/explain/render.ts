import MarkdownIt from 'markdown-it';
import type { Env, Token } from 'markdown-it';
import { escapeHtml } from './escape';
import { highlightCode, knownLanguage } from './languages';
import { carriesSecret, isHttpsUrl } from './links';

/**
 * The explanation panel's Markdown renderer: markdown-it with raw HTML off (a `<script>`
 * in the answer is text), links and images only to https (markdown-it's own link
 * validation, narrowed), fenced code highlighted by highlight.js with a Copy button.
 * A link or image whose URL holds a secret restored into the answer renders as plain
 * text. Free of DOM globals, so mocha tests it in Node on the HTML it produces.
 */
export interface RenderOptions {
  /** The secrets restored into this answer: never part of a link target or image source. */
  restored?: readonly string[];
}

const BLOCKED_TITLE = 'Link removed: its address holds a secret from your code';

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
const validate = md.validateLink.bind(md);
md.validateLink = (url) => validate(url) && isHttpsUrl(url);

// Table alignment comes as a `style` attribute, which the panel's CSP (no inline styles)
// would drop: a class carries it instead, styled in the panel's CSS.
md.core.ruler.push('tandem_table_align', (state) => {
  for (const t of state.tokens) {
    if (t.type !== 'th_open' && t.type !== 'td_open') continue;
    const align = /text-align:(left|center|right)/.exec(String(t.attrGet('style') ?? ''))?.[1];
    t.attrs = (t.attrs ?? []).filter(([name]) => name !== 'style');
    if (align) t.attrJoin('class', `align-${align}`);
  }
});

// After inline parsing: a link whose target carries a restored secret (or, defensively,
// is not https) is marked, open and close alike, and renders as its label only.
md.core.ruler.push('tandem_links', (state) => {
  const restored = restoredOf(state.env);
  for (const block of state.tokens) {
    const open: Token[] = [];
    for (const t of block.children ?? []) {
      if (t.type === 'link_open') {
        const href = String(t.attrGet('href') ?? '');
        if (!isHttpsUrl(href) || carriesSecret(href, restored)) t.meta = { ...t.meta, blocked: true };
        open.push(t);
      } else if (t.type === 'link_close') {
        const o = open.pop();
        if (o?.meta?.blocked === true) t.meta = { ...t.meta, blocked: true };
      }
    }
  }
});

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const t = tokens[idx];
  if (t.meta?.blocked === true) return `<span class="blocked-link" title="${BLOCKED_TITLE}">`;
  // Show where a link goes before it is clicked.
  if (!t.attrGet('title')) t.attrSet('title', String(t.attrGet('href') ?? ''));
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.link_close = (tokens, idx, options, _env, self) => (tokens[idx].meta?.blocked === true ? '</span>' : self.renderToken(tokens, idx, options));

// The panel's CSP loads no remote image (and a loaded image would tell its host the page
// was read): an https image becomes a link to it, labelled with its alt text.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const t = tokens[idx];
  const src = String(t.attrGet('src') ?? '');
  const label = escapeHtml(self.renderInlineAsText(t.children ?? [], options, env) || 'image');
  if (!isHttpsUrl(src) || carriesSecret(src, restoredOf(env))) return `<span class="blocked-link" title="${BLOCKED_TITLE}">${label}</span>`;
  return `<a class="image-link" href="${escapeHtml(src)}" title="${escapeHtml(src)}">${label}</a>`;
};

md.renderer.rules.fence = (tokens, idx) => {
  const t = tokens[idx];
  const lang = t.info.trim().split(/\s+/)[0] ?? '';
  const shown = /^[\w#+.-]{1,20}$/.test(lang) ? lang.toLowerCase() : '';
  const code = t.content.replace(/\n$/, '');
  const known = knownLanguage(shown);
  const body = highlightCode(code, shown) ?? escapeHtml(code);
  const cls = known ? ` class="hljs language-${known}"` : '';
  const head = `<div class="code-head"><span class="lang">${escapeHtml(shown)}</span><button class="copy" type="button" title="Copy code">Copy</button></div>`;
  return `<div class="code-block">${head}<pre><code${cls}>${body}</code></pre></div>\n`;
};

/** HTML for a model answer (complete or still streaming: an open fence runs to the end). */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  const env: Env = { restored: options.restored ?? [] };
  return md.render(markdown, env);
}

function restoredOf(env: Env | undefined): readonly string[] {
  const r = env?.restored;
  return Array.isArray(r) ? r.filter((s): s is string => typeof s === 'string') : [];
}
