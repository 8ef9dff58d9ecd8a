import assert from 'node:assert/strict';
import { caseInsensitiveFileSystem, expandBraces, expandHome, globMatches, normalizePath } from '../../../src/core/privacy/globMatch';

/** [pattern, paths it matches, paths it does not]: case-sensitive unless a row says otherwise. */
type Row = [glob: string, yes: string[], no: string[]];

const VSCODE_DOCUMENTED: Row[] = [
  // The glob reference's own examples.
  ['example.[0-9]', ['example.0', 'example.1', 'example.9'], ['example.a', 'example.10', 'example.']],
  ['example.[!0-9]', ['example.a', 'example.b', 'example._'], ['example.0', 'example.5']],
  ['{**/*.html,**/*.txt}', ['index.html', 'a/b/notes.txt'], ['a/b.htm', 'a/b.md']],
  ['**/*.{ts,js}', ['a.ts', 'src/x/y.js'], ['a.tsx', 'a.json']],
  ['*.{ts,js}', ['a.ts', 'b.js'], ['src/a.ts']],
  // files.exclude's defaults.
  ['**/.git', ['.git', 'a/.git'], ['.gitignore', 'a/.github']],
  ['**/.svn', ['x/.svn'], ['x/.svnx']],
  ['**/.hg', ['.hg'], ['hg']],
  ['**/CVS', ['lib/CVS'], ['lib/cvs2']],
  ['**/.DS_Store', ['.DS_Store', 'img/.DS_Store'], ['img/DS_Store']],
  ['**/Thumbs.db', ['photos/Thumbs.db'], ['photos/Thumbs.db.bak']],
  // search.exclude's defaults.
  ['**/node_modules', ['node_modules', 'a/node_modules'], ['node_modules_old']],
  ['**/bower_components', ['web/bower_components'], ['bower_components.json']],
  ['**/*.code-search', ['x.code-search'], ['x.code-search.bak']],
];

const OURS: Row[] = [
  // tandem.exclude's defaults.
  ['**/.env', ['.env', 'a/.env', 'a/b/c/.env', '/home/u/proj/.env'], ['.env.local', 'a/.envrc', 'a/x.env', 'env', 'a/.env/x']],
  ['**/.env.*', ['.env.local', 'a/.env.production', 'a/b/.env.test.local'], ['.env', 'a/.envrc', 'a/x.env.local']],
  ['**/*.pem', ['cert.pem', 'a/b/server.pem', '/etc/ssl/x.pem', '.pem'], ['cert.pem.txt', 'a/pem', 'a/certpem']],
  ['**/*.key', ['tls.key', 'a/b/c.key'], ['keys.ts', 'a/monkey.ts']],
  ['**/id_rsa*', ['id_rsa', '.ssh/id_rsa', '/home/u/.ssh/id_rsa.pub', 'id_rsa_work'], ['my_id_rsa', 'id_ed25519', 'id_rsa/inside']],
  ['**/secrets/**', ['secrets/a', 'secrets/a/b.json', 'x/secrets/y', 'x/y/secrets/z/w.txt', 'secrets'], ['secrets.ts', 'mysecrets/a', 'x/secretsx/y', 'x/secret/y']],
  // Dot files and dot folders: `*` and `**` see them, as in VS Code.
  ['*', ['.env', '.git', 'a'], ['a/b']],
  ['**/*', ['.env', 'a/.config/x', '.aws/credentials'], []],
  ['config/*', ['config/.env', 'config/a.json'], ['config/a/b']],
  ['**/.aws/**', ['/home/u/.aws/credentials', '.aws/config'], ['aws/config']],
  // `*` and `?` never cross a folder boundary.
  ['*.ts', ['a.ts', '.ts'], ['src/a.ts', 'a.tsx']],
  ['src/?.ts', ['src/a.ts'], ['src/ab.ts', 'src//.ts', 'src/a/b.ts']],
  ['a/*/c', ['a/b/c'], ['a/b/x/c']],
  // Nested `**`.
  ['src/**/test.ts', ['src/test.ts', 'src/a/test.ts', 'src/a/b/c/test.ts'], ['lib/src/test.ts', 'src/atest.ts']],
  ['**/a/**/b/**', ['a/b', 'x/a/y/b/z', 'a/b/c/d'], ['a/c', 'b/a']],
  ['**', ['a', 'a/b/c', '/abs/path', '.hidden/x'], []],
  // Braces, nested and with globs inside; an unbalanced brace is literal.
  ['**/*.{pem,key,p12}', ['a.pem', 'x/b.key', 'c.p12'], ['a.pe', 'a.keys']],
  ['{config,settings}/**/*.json', ['config/a.json', 'settings/x/y.json'], ['other/a.json']],
  ['**/{a,b{1,2}}.txt', ['a.txt', 'x/b1.txt', 'b2.txt'], ['b.txt', 'b3.txt']],
  ['a,b', ['a,b'], ['a']],
  ['{a', ['{a'], ['a']],
  ['a}', ['a}'], ['a']],
  // Character classes, negated classes, ranges; a `]` first in a class is literal.
  ['file[0-9].txt', ['file1.txt', 'file9.txt'], ['filex.txt', 'file10.txt']],
  ['[abc].ts', ['a.ts', 'c.ts'], ['d.ts', '/.ts']],
  ['[!abc].ts', ['d.ts', '..ts'], ['a.ts', '/.ts']],
  ['x[]]y', ['x]y'], ['xy']],
  // Characters that are special to other glob dialects (extglobs, negation, regex) are literal here.
  ['**/report (final).pdf', ['report (final).pdf', 'docs/report (final).pdf'], ['report final.pdf']],
  ['!secret.txt', ['!secret.txt'], ['other.txt']],
  ['@(a|b).txt', ['@(a|b).txt'], ['a.txt', 'b.txt']],
  ['a+b$^|.txt', ['a+b$^|.txt'], ['aab$^|.txt']],
  ['a.b', ['a.b'], ['axb']],
  // Windows-style separators in paths and patterns, drive letters in either case.
  ['**/.env', ['C:\\work\\proj\\.env', 'proj\\.env'], ['C:\\work\\proj\\.envrc']],
  ['C:\\work\\**', ['c:/work/proj/a.ts', 'C:\\work\\x'], ['d:/work/a.ts']],
  ['src\\*.ts', ['src/a.ts', 'src\\b.ts'], ['src/a/b.ts']],
  // A trailing slash means the folder and everything below; a leading ./ is ignored.
  ['build/', ['build', 'build/a/b'], ['builds/a']],
  ['./config/*.json', ['config/a.json'], ['x/config/a.json']],
];

function check(rows: Row[], nocase = false) {
  for (const [glob, yes, no] of rows) {
    it(`${glob}`, () => {
      for (const p of yes) assert.ok(globMatches(glob, p, { nocase }), `${glob} should match ${p}`);
      for (const p of no) assert.ok(!globMatches(glob, p, { nocase }), `${glob} should not match ${p}`);
    });
  }
}

describe('globMatches: VS Code documented patterns', () => check(VSCODE_DOCUMENTED));
describe('globMatches: our cases (dot files, nested **, braces, classes, Windows separators)', () => check(OURS));

describe('globMatches: letter case follows the file system', () => {
  it('ignores case where the file system does (Windows, macOS), so .ENV is still caught', () => {
    assert.ok(globMatches('**/.env', 'A/.ENV', { nocase: true }));
    assert.ok(globMatches('**/*.pem', 'X.PEM', { nocase: true }));
    assert.ok(globMatches('**/MyFolder/**', 'x/myfolder/y', { nocase: true }));
    assert.ok(globMatches('example.[a-c]', 'EXAMPLE.B', { nocase: true }));
  });
  it('keeps case on Linux, where .ENV and .env are different files', () => {
    assert.ok(!globMatches('**/.env', 'A/.ENV', { nocase: false }));
    assert.ok(globMatches('**/.env', 'A/.env', { nocase: false }));
  });
  it('knows which platforms ignore case', () => {
    assert.equal(caseInsensitiveFileSystem('win32'), true);
    assert.equal(caseInsensitiveFileSystem('darwin'), true);
    assert.equal(caseInsensitiveFileSystem('linux'), false);
    assert.equal(globMatches('**/.env', 'A/.ENV'), caseInsensitiveFileSystem(process.platform));
  });
});

describe('expandBraces', () => {
  it('expands groups, nested ones too, and leaves unpaired braces literal', () => {
    assert.deepEqual(expandBraces('{**/*.html,**/*.txt}'), ['**/*.html', '**/*.txt']);
    assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']);
    assert.deepEqual(expandBraces('{a'), ['{a']);
    assert.deepEqual(expandBraces('x{a,b'), ['x{a,b']);
    assert.deepEqual(expandBraces('{a}'), ['a']);
  });
  it('caps a pattern that would expand without end', () => {
    assert.equal(expandBraces('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}{s,t}{u,v}').length, 1024);
  });
});

describe('normalizePath', () => {
  it('uses forward slashes, a lower-case drive and no trailing slash', () => {
    assert.equal(normalizePath('C:\\Users\\X\\'), 'c:/Users/X');
    assert.equal(normalizePath('/a/b/'), '/a/b');
    assert.equal(normalizePath('/'), '/');
  });
});

describe('expandHome', () => {
  it('expands a leading ~ only', () => {
    assert.equal(expandHome('~', '/home/u'), '/home/u');
    assert.equal(expandHome('~/work/**', '/home/u/'), '/home/u/work/**');
    assert.equal(expandHome('~\\work', 'C:\\Users\\u'), 'C:\\Users\\u/work');
    assert.equal(expandHome('/x/~/y', '/home/u'), '/x/~/y');
    assert.equal(expandHome('~other/x', '/home/u'), '~other/x');
  });
});
