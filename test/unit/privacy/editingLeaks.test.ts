import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { TandemConfig } from '../../../src/core/config';
import { InlineCompleter } from '../../../src/core/inline/completer';
import type { CursorPosition } from '../../../src/core/inline/window';
import { linesOf } from '../../../src/core/inline/window';
import { Engine } from '../../../src/core/engine/engine';
import type { Emulator } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { engineTarget } from '../inline/engineTarget';
import { fragmentsOf, pemBody, randomToken } from './leakCases';

/**
 * Ordinary editing through the real inline pipeline (InlineCompleter → Engine.stream (its
 * privacy step) → OpenAI provider → HTTP) against the loopback OpenAI emulator:
 * no 4-character fragment of the secret may be in any request it receives.
 */

describe('editing leaks: what reaches OpenAI while a secret is typed or near the window edge', () => {
  let openai: Emulator;
  before(async () => {
    openai = await startOpenAIEmulator();
    openai.setReply({ text: 'x' });
  });
  after(() => openai.close());

  /** Completes at each position, explicitly (no debounce, each a request), with a fresh completer (no cache). */
  async function sent(model: string, cases: { text: string; position: CursorPosition }[]): Promise<string[]> {
    const config: TandemConfig = { ...DEFAULT_CONFIG, openai: { ...DEFAULT_CONFIG.openai, baseUrl: `${openai.url}/v1`, completionModel: model } };
    const engine = new Engine({ config: () => config, getKey: async () => 'sk-test-leaks-0000', onUsage: () => undefined, retry: { maxAttempts: 1 } });
    const backend = engineTarget(engine, config);
    const from = openai.requests.length;
    for (const c of cases) {
      const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 16 });
      await completer.complete({ documentId: 'd', doc: linesOf(c.text), position: c.position, explicit: true }, backend);
    }
    const bodies = openai.requests.slice(from).map((r) => JSON.stringify(r.body));
    assert.equal(bodies.length, cases.length, 'one request per position');
    return bodies;
  }

  function assertNoFragment(bodies: string[], secret: string): void {
    const frags = fragmentsOf(secret);
    for (const body of bodies) {
      const text = JSON.parse(body) as unknown;
      const flat = JSON.stringify(text) + String(JSON.stringify(text)).replace(/\\"/g, '"').replace(/\\n/g, '\n');
      const hit = frags.find((f) => flat.includes(f));
      assert.equal(hit, undefined, `fragment "${hit}" of the secret was sent`);
    }
    assert.ok(bodies.some((b) => b.includes('TANDEM_SECRET_')), 'the secret went as a placeholder');
  }

  /** Every stage of typing `value` at `at` in `before + value + after`, cursor after the last typed character. */
  function typing(before: string, value: string, after: string): { text: string; position: CursorPosition }[] {
    const out: { text: string; position: CursorPosition }[] = [];
    for (let k = 4; k <= value.length; k++) {
      const head = before + value.slice(0, k);
      const lines = head.split('\n');
      out.push({ text: head + after, position: { line: lines.length - 1, character: lines[lines.length - 1].length } });
    }
    return out;
  }

  it('typing a password with the closing quote auto-inserted after the cursor', async () => {
    const pw = 'Tr0ub4dor&3|Xq';
    const bodies = await sent('gpt-4.1-nano', typing('import db\n\npassword = "', pw, '"\nconn = db.connect(password)\n'));
    assertNoFragment(bodies, pw);
  });

  it('typing a password whose closing quote is not there yet', async () => {
    const pw = 'Wv8#nQ2mZr5k';
    const bodies = await sent('gpt-4.1-nano', typing('const settings = {\n  db_password: "', pw, '\n};\n'));
    assertNoFragment(bodies, pw);
  });

  it('typing the password of a DSN before its @', async () => {
    const pw = 'Vq7x9LpZ2mKw';
    const bodies = await sent('gpt-4.1-nano', typing('DATABASE_URL = "postgres://admin:', pw, '@db.internal:5432/app"\n'));
    assertNoFragment(bodies, pw);
  });

  it('typing a YAML value', async () => {
    const pw = 'Zp4kW9rT2yLq';
    const bodies = await sent('gpt-4.1-nano', typing('database:\n  host: db.internal\n  password: ', pw, '\n  port: 5432\n'));
    assertNoFragment(bodies, pw);
  });

  it('a private key whose BEGIN line is above the window', async () => {
    const body = pemBody(25);
    // 156 code lines of 40 characters put the window's first line about 10 key lines into the key.
    const code = Array.from({ length: 156 }, (_, i) => `value_${String(i).padStart(4, '0')} = compute(${String(i).padStart(5, '0')})`.padEnd(39, ' '));
    const text = `-----BEGIN RSA PRIVATE KEY-----\n${body.join('\n')}\n-----END RSA PRIVATE KEY-----\n${code.join('\n')}\nresult = `;
    const lines = text.split('\n');
    const bodies = await sent('gpt-4.1-nano', [0, 1, 2, 5, 9].map((back) => ({ text, position: { line: lines.length - 1 - back, character: back === 0 ? 9 : 0 } })));
    for (const b of bodies) for (const frag of body.flatMap(fragmentsOf)) assert.ok(!b.includes(frag), `key fragment "${frag}" was sent`);
  });

  for (const [model, side] of [['gpt-4.1-nano', 'suffix'], ['gpt-4o', 'prefix']] as const) {
    it(`a key on a 5,000-character line with the ${side} cut 1 to 39 characters into it`, async () => {
      const key = `ghp_${randomToken(36, 7)}`;
      // nano: 6,912 characters before the cursor, 2,304 after; gpt-4o: 4,608 before.
      const cases = Array.from({ length: 39 }, (_, i) => {
        const k = i + 1;
        const cursor = side === 'suffix' ? 1000 : 5000;
        const keyAt = side === 'suffix' ? cursor + 2304 - k : cursor - 4608 - (key.length - k);
        const filler = (n: number, seed: number): string => Array.from({ length: n }, (_, j) => ',.;:'[(j * 7 + seed) % 4]).join('');
        const line = `${filler(keyAt, 1)}${key}${filler(5000 - keyAt - key.length, 3)}`;
        return { text: `${line}\n`, position: { line: 0, character: cursor } };
      });
      const bodies = await sent(model, cases);
      for (const b of bodies) {
        const hit = fragmentsOf(key).find((f) => b.includes(f));
        assert.equal(hit, undefined, `fragment "${hit}" of the key was sent`);
      }
    });
  }
});
