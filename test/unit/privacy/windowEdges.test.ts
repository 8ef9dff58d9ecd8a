import assert from 'node:assert/strict';
import { buildWindow, linesOf } from '../../../src/core/inline/window';
import { redactAround, restore } from '../../../src/core/privacy/redact';
import { fragmentsOf, pemBody, randomToken } from './leakCases';

describe('redactAround: the cursor splits nothing', () => {
  it('finds a DSN password typed before its @ and a value split by the cursor', () => {
    const r = redactAround('url = "postgres://admin:Vq7x', '9L@db/app"\n');
    assert.ok(!r.prefix.includes('Vq7x') && !r.suffix.includes('9L@'), `${r.prefix}|${r.suffix}`);
    assert.equal(r.count, 2, 'one placeholder on each side of the cursor');
    assert.equal(restore(r.prefix, r.secrets) + restore(r.suffix, r.secrets), 'url = "postgres://admin:Vq7x9L@db/app"\n');
  });

  it('names the same placeholders as a one-piece redaction when nothing is split', () => {
    const r = redactAround('token = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"\n', 'x = 1');
    assert.equal(r.prefix, 'token = "TANDEM_SECRET_1"\n');
    assert.equal(r.suffix, 'x = 1');
  });
});

describe('buildWindow: an edge never falls inside a secret', () => {
  const budget = { prefixChars: 300, suffixChars: 100 };

  it('moves the top edge below a private key whose BEGIN line is above the window', () => {
    const body = pemBody(8, 5);
    const code = Array.from({ length: 3 }, (_, i) => `x${i} = ${i}`);
    const text = `-----BEGIN PRIVATE KEY-----\n${body.join('\n')}\n-----END PRIVATE KEY-----\n${code.join('\n')}\ny = `;
    const lines = text.split('\n');
    const w = buildWindow(linesOf(text), { line: lines.length - 1, character: 4 }, budget);
    for (const f of body.flatMap(fragmentsOf)) assert.ok(!w.prefix.includes(f), `fragment ${f} in the window`);
    assert.ok(w.prefix.startsWith('\nx0 = 0') || w.prefix.startsWith('x0 = 0'), JSON.stringify(w.prefix.slice(0, 20)));
    assert.equal(w.startLine, lines.length - 5);
  });

  it('moves the cut on a long line out of a key, on either side of the cursor', () => {
    const key = `ghp_${randomToken(36, 3)}`;
    for (let k = 1; k < key.length; k++) {
      const line = `${'a;'.repeat(100)}${key}${'b;'.repeat(400)}`;
      // Suffix edge k characters into the key.
      const cursor = 200 + k - budget.suffixChars;
      const w = buildWindow(linesOf(line), { line: 0, character: cursor }, budget);
      assert.ok(!fragmentsOf(key).some((f) => w.suffix.includes(f)), `suffix cut at ${k}: ${w.suffix}`);
      // Prefix edge k characters into the key.
      const at = 200 + k + budget.prefixChars;
      const v = buildWindow(linesOf(line), { line: 0, character: at }, budget);
      assert.ok(!fragmentsOf(key).some((f) => v.prefix.includes(f)), `prefix cut at ${k}: ${v.prefix}`);
    }
  });

  it('leaves a window without secrets exactly as it was', () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    const w = buildWindow(linesOf(text), { line: 100, character: 3 }, budget);
    assert.ok(w.prefix.endsWith('lin') && w.suffix.startsWith('e 100'));
    assert.equal(w.prefix.length + 1 + w.suffix.length + 1 <= budget.prefixChars + budget.suffixChars + 2, true);
  });
});
