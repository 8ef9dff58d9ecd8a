import assert from 'node:assert/strict';
import { redact, restore } from '../../../src/core/privacy/redact';
import { findSecrets } from '../../../src/core/privacy/secretPatterns';
import { MORE_HITS, MORE_LOOKALIKES } from './moreSecrets';

describe('redact: kinds found on third-party fixtures, with our own cases', () => {
  for (const hit of MORE_HITS) {
    it(`redacts ${hit.name}`, () => {
      const r = redact(hit.text);
      for (const s of hit.secrets) assert.ok(!r.text.includes(s), `"${s.slice(0, 4)}…" left in: ${r.text}`);
      assert.ok(r.kinds.includes(hit.kind), `kinds ${JSON.stringify(r.kinds)} lack ${hit.kind}`);
      assert.equal(restore(r.text, r.secrets), hit.text);
    });
  }
});

describe('redact: false-positive rules', () => {
  for (const la of MORE_LOOKALIKES) {
    it(`keeps ${la.name}`, () => {
      const spans = findSecrets(la.text);
      assert.deepEqual(spans.map((s) => la.text.slice(s.start, s.end)), []);
    });
  }
});
