import assert from 'node:assert/strict';
import { redact, restore, SecretVault, StreamRestorer } from '../../../src/core/privacy/redact';
import { HITS, LOOK_ALIKES } from './secretCorpus';

describe('redact: the corpus of secrets', () => {
  for (const hit of HITS) {
    it(`redacts ${hit.name}`, () => {
      const r = redact(hit.text);
      for (const s of hit.secrets) assert.ok(!r.text.includes(s), `"${s}" left in:\n${r.text}`);
      assert.ok(r.kinds.includes(hit.kind), `kinds ${JSON.stringify(r.kinds)} lack ${hit.kind}:\n${r.text}`);
      assert.match(r.text, /TANDEM_SECRET_\d+/);
      assert.equal(restore(r.text, r.secrets), hit.text);
    });
  }
});

describe('redact: look-alikes stay', () => {
  for (const la of LOOK_ALIKES) {
    it(`keeps ${la.name}`, () => {
      const r = redact(la.text);
      assert.equal(r.text, la.text, `changed to:\n${r.text}`);
      assert.equal(r.count, 0);
      assert.deepEqual(r.kinds, []);
    });
  }
});

describe('redact: placeholders', () => {
  it('keeps the code around a secret intact and names the placeholder like an identifier', () => {
    const r = redact('const password = "hunter2";');
    assert.equal(r.text, 'const password = "TANDEM_SECRET_1";');
    assert.deepEqual([...r.secrets], [['TANDEM_SECRET_1', 'hunter2']]);
    assert.equal(r.count, 1);
  });

  it('gives the same secret the same placeholder, within a text and across a vault', () => {
    const vault = new SecretVault();
    const a = redact('a = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"\nb = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"\npassword = "x9y8z7"', vault);
    assert.equal(a.text, 'a = "TANDEM_SECRET_1"\nb = "TANDEM_SECRET_1"\npassword = "TANDEM_SECRET_2"');
    assert.equal(a.count, 3);
    const b = redact('again: ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d, new: sk_live_bbYrEqmSM9wCZ7Uw9xfogoEm', vault);
    assert.equal(b.text, 'again: TANDEM_SECRET_1, new: TANDEM_SECRET_3');
    assert.equal(vault.secrets.size, 3);
  });

  it('never hands out a placeholder name already present in the text', () => {
    const text = 'keep TANDEM_SECRET_1 and TANDEM_SECRET_2 literally; password = "hunter2"';
    const r = redact(text);
    assert.equal(r.text, 'keep TANDEM_SECRET_1 and TANDEM_SECRET_2 literally; password = "TANDEM_SECRET_3"');
    assert.equal(restore(r.text, r.secrets), text);
  });

  it('round-trips every corpus text, hits and look-alikes together', () => {
    const all = [...HITS.map((h) => h.text), ...LOOK_ALIKES.map((l) => l.text)].join('\n\n');
    const r = redact(all);
    assert.equal(restore(r.text, r.secrets), all);
    assert.ok(r.count >= HITS.length);
  });

  it('round-trips random text made of secret fragments', () => {
    const pieces = ['password = "', 'hunter2', '"', '\n', 'TANDEM_SECRET_', '1', 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d', ' ', 'postgres://u:', 'p4ss@h', 'AKIAIOSFODNN7EXAMPLE', '-----BEGIN PRIVATE KEY-----', 'MIIE', '-----END PRIVATE KEY-----', 'token: ', 'x1y2z3', "'", '`', '=', ':'];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 500; i++) {
      let text = '';
      const len = rand(30);
      for (let j = 0; j < len; j++) text += pieces[rand(pieces.length)];
      const r = redact(text);
      assert.equal(restore(r.text, r.secrets), text, JSON.stringify(text));
    }
  });
});

describe('restore', () => {
  const secrets = new Map([['TANDEM_SECRET_1', 'hunter2'], ['TANDEM_SECRET_12', 'AKIAIOSFODNN7EXAMPLE']]);

  it('puts originals back wherever the model copied a placeholder', () => {
    assert.equal(restore('const pw = "TANDEM_SECRET_1"; // TANDEM_SECRET_12', secrets), 'const pw = "hunter2"; // AKIAIOSFODNN7EXAMPLE');
  });

  it('does not confuse TANDEM_SECRET_1 with TANDEM_SECRET_12, and leaves unknown placeholders', () => {
    assert.equal(restore('TANDEM_SECRET_12 TANDEM_SECRET_1 TANDEM_SECRET_7', secrets), 'AKIAIOSFODNN7EXAMPLE hunter2 TANDEM_SECRET_7');
    assert.equal(restore('TANDEM_SECRET_123', secrets), 'TANDEM_SECRET_123');
  });

  it('is the identity with no secrets', () => {
    assert.equal(restore('TANDEM_SECRET_1', new Map()), 'TANDEM_SECRET_1');
  });
});

describe('StreamRestorer', () => {
  const secrets = new Map([['TANDEM_SECRET_1', 'hunter2'], ['TANDEM_SECRET_12', 'AKIAIOSFODNN7EXAMPLE']]);
  const answer = 'const a = "TANDEM_SECRET_1";\nconst b = "TANDEM_SECRET_12"; TANDEM_ is not one. End TANDEM_SECRET_1';
  const expected = 'const a = "hunter2";\nconst b = "AKIAIOSFODNN7EXAMPLE"; TANDEM_ is not one. End hunter2';

  it('restores whatever way the answer is cut into chunks', () => {
    for (let size = 1; size <= answer.length; size++) {
      const r = new StreamRestorer(secrets);
      let out = '';
      for (let i = 0; i < answer.length; i += size) out += r.push(answer.slice(i, i + size));
      out += r.flush();
      assert.equal(out, expected, `chunk size ${size}`);
    }
  });

  it('never shows part of a placeholder or of a secret', () => {
    const r = new StreamRestorer(secrets);
    const shown: string[] = [];
    for (const c of ['x = "TAND', 'EM_SEC', 'RET_1', '2"', ';']) shown.push(r.push(c));
    shown.push(r.flush());
    assert.deepEqual(shown, ['x = "', '', '', 'AKIAIOSFODNN7EXAMPLE"', ';', '']);
  });

  it('passes ordinary text through at once', () => {
    const r = new StreamRestorer(secrets);
    assert.equal(r.push('hello world'), 'hello world');
    assert.equal(r.push(' T'), ' ');
    assert.equal(r.push('hanks'), 'Thanks');
    assert.equal(r.flush(), '');
  });
});
