import assert from 'node:assert/strict';
import type { ContextDoc, ContextIde, ContextLocation } from '../../../src/core/context/gather';
import { declarationLine, gatherContext } from '../../../src/core/context/gather';
import { importedPaths } from '../../../src/core/context/imports';
import { RecentChunks } from '../../../src/core/context/recent';
import { definitionRange, symbolsNearCursor } from '../../../src/core/context/symbols';
import { EgressLog } from '../../../src/core/egress/egressLog';
import { EgressTracker } from '../../../src/core/egress/tracker';
import { protectedStream } from '../../../src/core/engine/protectedStream';
import type { RedactableRequest } from '../../../src/core/engine/protectedStream';

const doc = (path: string, text: string, languageId = 'typescript'): ContextDoc => {
  const lines = text.split('\n');
  return { key: `file:///w/${path}`, path, languageId, lineCount: lines.length, lineText: (l) => lines[l] ?? '' };
};

const CANARY = 'CANARY_7f3a';
const main = doc('src/main.ts', "import { price } from './lib/price';\nimport { token } from './secret/keys';\n\nconst p = price(");
const files = new Map<string, ContextDoc>([
  ['file:///w/src/lib/price.ts', doc('src/lib/price.ts', 'export const VAT = 0.2;\n\nexport function price(net: number): number {\n  return net * (1 + VAT);\n}\n')],
  ['file:///w/src/secret/keys.ts', doc('src/secret/keys.ts', `export function token(): string {\n  return '${CANARY}';\n}\n`)],
]);

interface FakeOptions { definitions?: ContextLocation[] | 'never'; denied?: string[]; open?: ContextDoc[] }

function fakeIde(o: FakeOptions = {}): ContextIde & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    definitions: () => (o.definitions === 'never' ? new Promise<ContextLocation[]>(() => undefined) : Promise.resolve(o.definitions ?? [])),
    locate: (path) => ({ key: `file:///w/${path}`, path }),
    read: (key) => {
      reads.push(key);
      return Promise.resolve(files.get(key));
    },
    openDocuments: () => o.open ?? [],
    allowed: (key) => !(o.denied ?? []).some((d) => key.includes(d)),
  };
}

const request = (recent = new RecentChunks()) => ({ doc: main, line: 3, character: 16, window: { prefix: 'const p = price(', suffix: '' }, budgetChars: 4000, recent: recent.list() });

describe('gathering context', () => {
  it('uses language-server definitions and reads each target once', async () => {
    const ide = fakeIde({ definitions: [{ key: 'file:///w/src/lib/price.ts', path: 'src/lib/price.ts', line: 2 }, { key: 'file:///w/src/lib/price.ts', path: 'src/lib/price.ts', line: 2 }] });
    const r = await gatherContext(ide, request(), { lspBudgetMs: 1000 });
    assert.deepEqual(r.snippets, [{ path: 'src/lib/price.ts', text: 'export function price(net: number): number {\n  return net * (1 + VAT);\n}' }]);
    assert.equal(r.found.definition, 1);
  });

  it('falls back to the imported files when the language server answers nothing in time, and never delays past the budget', async () => {
    const ide = fakeIde({ definitions: 'never' });
    const r = await gatherContext(ide, request(), { lspBudgetMs: 300 });
    assert.equal(r.found.definition, 0);
    assert.ok(r.snippets.some((s) => s.path === 'src/lib/price.ts' && s.text.includes('function price')), JSON.stringify(r.snippets));
  });

  it('never reads or sends an excluded or private file, from any source', async () => {
    const secret = files.get('file:///w/src/secret/keys.ts');
    assert.ok(secret);
    const recent = new RecentChunks();
    recent.add({ path: secret.path, key: secret.key, text: `return '${CANARY}';`, startLine: 1, kind: 'edit', at: 1 });
    recent.add({ path: secret.path, key: secret.key, text: `export function token(): string {\n  return '${CANARY}';`, startLine: 0, kind: 'visit', at: 2 });
    const ide = fakeIde({ definitions: [{ key: secret.key, path: secret.path, line: 0 }], denied: ['/secret/'], open: [secret] });
    const req = { ...request(recent), line: 3, character: 16, window: { prefix: 'const t = token(', suffix: '' }, doc: doc('src/main.ts', "import { token } from './secret/keys';\nimport { price } from './lib/price';\n\nconst t = token(") };
    const r = await gatherContext(ide, req, { lspBudgetMs: 1000 });
    assert.ok(!JSON.stringify(r.snippets).includes(CANARY), JSON.stringify(r.snippets));
    assert.ok(!ide.reads.includes(secret.key), 'the excluded file was never read');
    assert.ok(r.refused >= 3, `refused ${r.refused}`);
    // Imports are used only when the server gave nothing: make it give nothing, and still no canary.
    const r2 = await gatherContext(fakeIde({ definitions: [], denied: ['/secret/'], open: [secret] }), req, { lspBudgetMs: 1000 });
    assert.ok(!JSON.stringify(r2.snippets).includes(CANARY));
  });

  it('adds open editors of the same language by similarity, not other languages', async () => {
    const py = doc('tools/price.py', 'def price(net):\n    return net', 'python');
    const ts = doc('src/other.ts', 'const p = price(10);\nconsole.log(p);');
    const r = await gatherContext(fakeIde({ open: [py, ts] }), request(), { lspBudgetMs: 10 });
    assert.ok(r.snippets.some((s) => s.path === 'src/other.ts'));
    assert.ok(!r.snippets.some((s) => s.path === 'tools/price.py'));
  });

  it('gives nothing once the request was aborted', async () => {
    const c = new AbortController();
    c.abort();
    const r = await gatherContext(fakeIde({ definitions: 'never' }), { ...request(), signal: c.signal }, { lspBudgetMs: 1000 });
    assert.deepEqual(r.snippets, []);
  });
});

describe('symbols, definitions and imports', () => {
  it('finds the identifiers before the cursor, nearest first, skipping keywords and strings', () => {
    const lines = ['const cart = new Cart();', "return cart.total(tax, 'label', fmt"];
    const s = symbolsNearCursor((l) => lines[l], 1, lines[1].length);
    assert.deepEqual(s.map((x) => x.name), ['fmt', 'tax', 'total', 'cart']);
    assert.equal(lines[1].slice(s[0].character - 1, s[0].character + 2), 'fmt');
  });

  it('keeps a definition with its doc comment up to its closing line', () => {
    const lines = ['', '/** Doc. */', 'export function f() {', '  if (x) {', '  }', '', '  return 1;', '}', 'export const g = 2;'];
    assert.deepEqual(definitionRange(lines.length, (l) => lines[l], 2), { start: 1, end: 7 });
    const py = ['def f(a):', '    b = a', '', '    return b', 'def g():'];
    assert.deepEqual(definitionRange(py.length, (l) => py[l], 0), { start: 0, end: 3 });
  });

  it('resolves relative imports of TypeScript, Python and Rust, and finds declarations by name', () => {
    assert.deepEqual(importedPaths("import { a } from '../lib/a.js';\nconst b = require('./b');", 'src/app/main.ts', 'typescript').slice(0, 3), ['src/lib/a', 'src/lib/a.ts', 'src/lib/a.tsx']);
    assert.ok(importedPaths("const b = require('./b');", 'src/main.js', 'javascript').includes('src/b.js'));
    assert.ok(importedPaths('from .models import User\nimport pkg.util', 'app/views.py', 'python').includes('app/models.py'));
    assert.ok(importedPaths('import pkg.util', 'app/views.py', 'python').includes('pkg/util.py'));
    assert.ok(importedPaths('mod parser;', 'src/main.rs', 'rust').includes('src/parser.rs'));
    assert.deepEqual(importedPaths("import x from 'react';", 'a.ts', 'typescript'), [], 'packages are not files of the project');
    const d = doc('m.go', 'package m\n\nfunc Price(net int) int {\n\treturn net\n}');
    assert.equal(declarationLine(d, 'Price'), 2);
    assert.equal(declarationLine(doc('m.py', 'class User:\n    pass'), 'User'), 0);
    assert.equal(declarationLine(doc('m.ts', 'export const VAT = 0.2;'), 'VAT'), 0);
  });
});

describe('context snippets through the guarded stream', () => {
  const KEY = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';
  type Fim = Extract<RedactableRequest, { kind: 'fim' }>;

  it('redacts every snippet like the window and lists the context files (paths only) in the egress log', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    const seen: Fim[] = [];
    const request: Fim = { kind: 'fim', prefix: 'const a = ', suffix: '', snippets: [{ path: 'src/a.ts', text: `const t = "${KEY}";` }, { path: 'src/b.ts', text: 'const password = "hunter2";' }, { path: 'src/a.ts', text: 'more' }] };
    const send = async function* (r: Fim) {
      seen.push(r);
      tracker.onSent({ host: 'api.openai.com', provider: 'openai', feature: 'inline', bytes: JSON.stringify(r).length });
      yield { type: 'done' as const };
    };
    for await (const _ of protectedStream({ request, redact: true, feature: 'inline', file: 'src/main.ts', tracker }, send)) { /* drain */ }
    const sent = JSON.stringify(seen[0]);
    assert.ok(!sent.includes(KEY) && !sent.includes('hunter2'), sent);
    assert.match(seen[0].snippets?.[0].text ?? '', /TANDEM_SECRET_\d/);
    assert.match(seen[0].snippets?.[1].text ?? '', /TANDEM_SECRET_\d/);
    const [record] = log.list();
    assert.deepEqual(record.contextFiles, ['src/a.ts', 'src/b.ts']);
    assert.equal(record.redactions, 2);
    assert.ok(!JSON.stringify(record).includes('more'));
  });
});
