import assert from 'node:assert/strict';
import { renderMarkdown, renderInline, safeHttpsUrl } from '../../../src/webview/explain/markdown';
import { highlight } from '../../../src/webview/explain/highlight';

/** No tag in the output other than the renderer's own, and no attribute other than its own. */
function assertOnlySafeTags(html: string) {
  const allowed = new Set(['p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a', 'div', 'button', 'span']);
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    assert.ok(allowed.has(m[1].toLowerCase()), `tag <${m[1]}> in ${html}`);
    const attrs = [...m[2].matchAll(/\s([\w-]+)=/g)].map((a) => a[1]);
    for (const a of attrs) assert.ok(['class', 'href', 'title', 'type'].includes(a), `attribute ${a} in ${m[0]}`);
    assert.doesNotMatch(m[2], /\son\w+=/i);
  }
  assert.doesNotMatch(html, /href="javascript:/i);
}

describe('renderMarkdown: the safe subset', () => {
  it('renders headings, emphasis, inline code, lists and paragraphs', () => {
    const html = renderMarkdown('# Title\n\nSome **bold** and *em* with `x < y`.\n\n- one\n- two\n\n1. first\n2. second');
    assert.equal(html, '<h1>Title</h1>\n<p>Some <strong>bold</strong> and <em>em</em> with <code>x &lt; y</code>.</p>\n<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li><li>second</li></ol>');
  });
  it('renders fenced code highlighted with a Copy button', () => {
    const html = renderMarkdown('```ts\nconst a = "<b>"; // note\n```');
    assert.equal(html, '<div class="code-block"><div class="code-head"><span class="lang">ts</span><button class="copy" type="button" title="Copy code">Copy</button></div><pre><code class="language-ts"><span class="tk-keyword">const</span> a = <span class="tk-string">&quot;&lt;b&gt;&quot;</span>; <span class="tk-comment">// note</span></code></pre></div>');
  });
  it('renders an unclosed fence (still streaming) as code', () => {
    assert.match(renderMarkdown('Look:\n```py\ndef f():'), /<code class="language-py"><span class="tk-keyword">def<\/span> f\(\):<\/code>/);
  });
  it('renders https links as anchors and everything else as text', () => {
    assert.equal(renderInline('[docs](https://example.com/a?b=1&c=2)'), '<a href="https://example.com/a?b=1&amp;c=2" title="https://example.com/a?b=1&amp;c=2">docs</a>');
    assert.equal(renderInline('[x](http://example.com)'), 'x');
    assert.equal(renderInline('[x](javascript:alert(1))'), 'x');
    assert.equal(renderInline('[wiki](https://en.wikipedia.org/wiki/Set_(mathematics))'), '<a href="https://en.wikipedia.org/wiki/Set_(mathematics)" title="https://en.wikipedia.org/wiki/Set_(mathematics)">wiki</a>');
    assert.equal(renderInline('[x](JaVaScRiPt:alert`1`)'), '[x](JaVaScRiPt:alert<code>1</code>)');
    assert.equal(renderInline('[x](data:text/html;base64,PHNjcmlwdD4=)'), 'x');
    assert.equal(renderInline('[x](/relative)'), 'x');
  });
});

describe('renderMarkdown: injection', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '[click](javascript:alert(1))',
    '[click](https://x.com" onmouseover="alert(1))',
    '[click](https://x.com"onmouseover="alert(1))',
    '**<iframe src=//evil>**',
    '`</code><script>alert(1)</script>`',
    '```"><script>alert(1)</script>\ncode\n```',
    '```js onload=alert(1)\nx\n```',
    '# <svg/onload=alert(1)>',
    '- <style>body{display:none}</style>',
    '> <object data=x>',
    '_<x onclick=y>_',
    '[<img src=x onerror=alert(1)>](https://ok.com)',
    '<!-- comment --><meta http-equiv="refresh" content="0;url=https://evil">',
  ];
  for (const a of attacks) {
    it(`neutralises ${JSON.stringify(a)}`, () => {
      const html = renderMarkdown(a);
      assertOnlySafeTags(html);
      assert.doesNotMatch(html, /<(script|img|iframe|svg|style|object|meta|x)\b/i);
      assert.doesNotMatch(html, /href="(?!https:)/);
    });
  }
  it('escapes raw HTML as text', () => {
    assert.equal(renderMarkdown('<b onclick="x">hi</b>'), '<p>&lt;b onclick=&quot;x&quot;&gt;hi&lt;/b&gt;</p>');
  });
  it('checks URLs strictly', () => {
    assert.equal(safeHttpsUrl('https://a.com/x'), 'https://a.com/x');
    assert.equal(safeHttpsUrl('https://a.com/&quot;onx=1'), undefined);
    assert.equal(safeHttpsUrl('https://a.com/&lt;script'), undefined);
    assert.equal(safeHttpsUrl('https:/a.com'), undefined);
  });
  it('highlights without letting code out of its span', () => {
    assert.equal(highlight('"</span><script>"', 'js'), '<span class="tk-string">&quot;&lt;/span&gt;&lt;script&gt;&quot;</span>');
    assert.equal(highlight('# <b>', 'python'), '<span class="tk-comment"># &lt;b&gt;</span>');
  });
});
