import { escapeHtml } from './escape';
import { highlight } from './highlight';

/**
 * A safe Markdown renderer for model answers shown in the explanation panel.
 * Model output is untrusted (it may echo code holding `<script>` or be
 * steered by a comment in the explained file), so everything is escaped first
 * and only a fixed subset is rendered: headings, paragraphs, emphasis, inline
 * code, lists, block quotes, fenced code blocks (highlighted, with a Copy
 * button) and links — as anchors only for https URLs, else as plain text. No
 * attribute ever carries model text except an https href and a code block's
 * language class, both escaped and checked. Works on partial (streaming) text.
 */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  let quote: string[] = [];

  const flushPara = () => {
    if (para.length) out.push(`<p>${renderInline(para.join('\n')).replace(/\n/g, '<br>')}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.ordered ? 'ol' : 'ul'}>${list.items.map((i) => `<li>${renderInline(i)}</li>`).join('')}</${list.ordered ? 'ol' : 'ul'}>`);
    list = undefined;
  };
  const flushQuote = () => {
    if (quote.length) out.push(`<blockquote>${renderInline(quote.join('\n')).replace(/\n/g, '<br>')}</blockquote>`);
    quote = [];
  };
  const flushAll = () => {
    flushPara();
    flushList();
    flushQuote();
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([\w#+.-]*)/.exec(line);
    if (fence) {
      flushAll();
      const body: string[] = [];
      let j = i + 1;
      const closing = new RegExp(`^ {0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}\\s*$`);
      while (j < lines.length && !closing.test(lines[j])) body.push(lines[j++]);
      out.push(codeBlock(body.join('\n'), fence[2]));
      i = j;
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flushAll();
      const level = heading[1].length;
      out.push(`<h${level}>${renderInline(heading[2])}</h${level}>`);
      continue;
    }
    const item = /^\s*([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushPara();
      flushQuote();
      const ordered = /\d/.test(item[1]);
      if (list && list.ordered !== ordered) flushList();
      if (!list) list = { ordered, items: [] };
      list.items.push(item[2]);
      continue;
    }
    const q = /^\s*>\s?(.*)$/.exec(line);
    if (q) {
      flushPara();
      flushList();
      quote.push(q[1]);
      continue;
    }
    if (!line.trim()) {
      flushAll();
      continue;
    }
    if (list && /^\s{2,}\S/.test(line)) {
      // A continuation line of the last list item.
      list.items[list.items.length - 1] += ' ' + line.trim();
      continue;
    }
    flushList();
    flushQuote();
    para.push(line);
  }
  flushAll();
  return out.join('\n');
}

function codeBlock(code: string, lang: string): string {
  const safeLang = /^[\w#+.-]{1,20}$/.test(lang) ? lang.toLowerCase() : '';
  const cls = safeLang ? ` class="language-${escapeHtml(safeLang)}"` : '';
  const head = `<div class="code-head"><span class="lang">${escapeHtml(safeLang)}</span><button class="copy" type="button" title="Copy code">Copy</button></div>`;
  return `<div class="code-block">${head}<pre><code${cls}>${highlight(code, safeLang)}</code></pre></div>`;
}

/**
 * Inline spans on raw text: code spans are cut out first (their content is
 * literal), then the rest is escaped and emphasis and links are applied to the
 * escaped text, so no model text can form a tag.
 */
export function renderInline(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/(`+)([\s\S]*?[^`])\1(?!`)/g)) {
    const at = m.index ?? 0;
    parts.push(renderSpans(text.slice(last, at)));
    parts.push(`<code>${escapeHtml(m[2].trim() || m[2])}</code>`);
    last = at + m[0].length;
  }
  parts.push(renderSpans(text.slice(last)));
  return parts.join('');
}

function renderSpans(raw: string): string {
  let s = escapeHtml(raw);
  // Links: [text](url). The URL was escaped with the rest; check it is https and has no quote or space.
  // One level of balanced parentheses inside the URL, as CommonMark allows (`javascript:alert(1)` is one URL).
  s = s.replace(/\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g, (_all, label: string, url: string) => {
    const href = safeHttpsUrl(url);
    return href ? `<a href="${href}" title="${href}">${label}</a>` : `${label}`;
  });
  s = s.replace(/\*\*([^*\n]+)\*\*|__([^_\n]+)__/g, (_a, x: string | undefined, y: string | undefined) => `<strong>${x ?? y ?? ''}</strong>`);
  s = s.replace(/(^|[^*\w])\*([^*\n]+)\*(?!\*)|(^|[^\w])_([^_\n]+)_(?!\w)/g, (_a, p1: string | undefined, x: string | undefined, p2: string | undefined, y: string | undefined) => `${p1 ?? p2 ?? ''}<em>${x ?? y ?? ''}</em>`);
  s = s.replace(/~~([^~\n]+)~~/g, '<del>$1</del>');
  return s;
}

/** The escaped URL if it is a plain https URL, else undefined (javascript:, data:, http:, relative, ...). */
export function safeHttpsUrl(escapedUrl: string): string | undefined {
  // The text was escaped: `&amp;` is a legitimate query separator; any other entity (quote, angle bracket) is refused.
  if (/&(lt|gt|quot|#39);/.test(escapedUrl)) return undefined;
  const unescaped = escapedUrl.replace(/&amp;/g, '&');
  if (!/^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]*)?$/.test(unescaped)) return undefined;
  if (/['"<>`\\]/.test(unescaped)) return undefined;
  return escapeHtml(unescaped);
}
