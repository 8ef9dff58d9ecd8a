import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, loadWithCodeCache } from '../../../src/boot/codeCache';

/** A small CommonJS "bundle" with a sibling that requires it back, as the lazy chunks require main.js. */
function writeModule(dir: string, body = ''): string {
  const file = path.join(dir, 'main.js');
  fs.writeFileSync(file, [
    "'use strict';",
    "const dep = require('./dep.js');",
    'let calls = 0;',
    'module.exports = { where: __filename, dir: __dirname, dep, count: () => ++calls, sibling: () => require("./sibling.js") };',
    body,
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'dep.js'), "module.exports = 'dep';");
  fs.writeFileSync(path.join(dir, 'sibling.js'), "module.exports = require('./main.js');");
  return file;
}

function forget(dir: string): void {
  const req = createRequire(path.join(dir, 'x.js'));
  for (const k of Object.keys(req.cache)) if (k.startsWith(dir)) delete req.cache[k];
}

describe('loading the bundle through V8\'s code cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-codecache-')));
  });
  afterEach(() => {
    forget(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the file as CommonJS: its own __filename, __dirname and a require relative to it', () => {
    const file = writeModule(dir);
    const { exports } = loadWithCodeCache(file, 'h1');
    assert.deepEqual({ ...(exports as object), count: undefined, sibling: undefined }, { where: file, dir, dep: 'dep', count: undefined, sibling: undefined });
  });

  it('registers the module under its file name, so a sibling that requires it gets this instance', () => {
    const file = writeModule(dir);
    const { exports } = loadWithCodeCache(file, 'h1');
    const m = exports as { count(): number; sibling(): unknown };
    m.count();
    assert.equal(m.sibling(), exports, 'a second copy of main.js was loaded');
  });

  it('compiles without a cache the first time and writes one on save; the next load uses it', async () => {
    const file = writeModule(dir);
    const first = loadWithCodeCache(file, 'h1');
    assert.equal(first.cache, 'absent');
    assert.equal(await first.save(), 'written');
    assert.ok(fs.statSync(cacheFileFor(file, 'h1')).size > 0);
    forget(dir);
    const second = loadWithCodeCache(file, 'h1');
    assert.equal(second.cache, 'used');
    assert.equal((second.exports as { dep: string }).dep, 'dep');
    assert.equal(await second.save(), 'not needed');
  });

  it('never applies the cache of another build: the content hash is in its name', async () => {
    const file = writeModule(dir);
    await loadWithCodeCache(file, 'h1').save();
    forget(dir);
    writeModule(dir, '// a rebuild');
    const rebuilt = loadWithCodeCache(file, 'h2');
    assert.equal(rebuilt.cache, 'absent');
    assert.equal(await rebuilt.save(), 'written');
    // The earlier build's cache goes once the new one is written.
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.v8cache')), [path.basename(cacheFileFor(file, 'h2'))]);
  });

  it('a corrupt cache is rejected by V8: the file compiles as usual and the cache is rewritten', async () => {
    const file = writeModule(dir);
    fs.writeFileSync(cacheFileFor(file, 'h1'), Buffer.from('not a code cache at all'));
    const load = loadWithCodeCache(file, 'h1');
    assert.equal(load.cache, 'rejected');
    assert.equal((load.exports as { dep: string }).dep, 'dep');
    assert.equal(await load.save(), 'written');
    forget(dir);
    assert.equal(loadWithCodeCache(file, 'h1').cache, 'used');
  });

  it('a cache that cannot be written (read-only install, say) is reported, not thrown, and loading still works', async () => {
    const file = writeModule(dir);
    // A non-empty directory where the cache would go: neither readable as a cache nor replaceable.
    fs.mkdirSync(cacheFileFor(file, 'h1'));
    fs.writeFileSync(path.join(cacheFileFor(file, 'h1'), 'x'), '');
    const load = loadWithCodeCache(file, 'h1');
    assert.equal(load.cache, 'absent');
    assert.match(await load.save(), /^not written: /);
    assert.equal((load.exports as { dep: string }).dep, 'dep');
  });

  it('temporary files a crash left behind are removed when a cache is written', async () => {
    const file = writeModule(dir);
    const leftover = `${cacheFileFor(file, 'h0')}.4242.tmp`;
    fs.writeFileSync(leftover, 'half');
    await loadWithCodeCache(file, 'h1').save();
    assert.ok(!fs.existsSync(leftover));
    assert.ok(fs.existsSync(path.join(dir, 'dep.js')), 'only cache files are removed');
  });

  it('a file that throws while loading is not left in the require cache, as with require', () => {
    const file = writeModule(dir, "throw new Error('broken build');");
    assert.throws(() => loadWithCodeCache(file, 'h1'), /broken build/);
    const req = createRequire(file);
    assert.equal(req.cache[file], undefined);
  });
});
