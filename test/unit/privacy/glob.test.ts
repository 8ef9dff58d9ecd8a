import assert from 'node:assert/strict';
import { expandHome, globMatches, normalizePath } from '../../../src/core/privacy/glob';

function yes(glob: string, ...paths: string[]): void {
  for (const p of paths) assert.ok(globMatches(glob, p), `${glob} should match ${p}`);
}
function no(glob: string, ...paths: string[]): void {
  for (const p of paths) assert.ok(!globMatches(glob, p), `${glob} should not match ${p}`);
}

describe('globMatches (VS Code glob semantics)', () => {
  it('**/.env matches .env at any depth and nothing else', () => {
    yes('**/.env', '.env', 'a/.env', 'a/b/c/.env', '/home/u/proj/.env');
    no('**/.env', '.env.local', 'a/.envrc', 'a/x.env', 'env', 'a/.env/x');
  });

  it('**/.env.* matches variants but not .env itself', () => {
    yes('**/.env.*', '.env.local', 'a/.env.production', 'a/b/.env.test.local');
    no('**/.env.*', '.env', 'a/.envrc', 'a/x.env.local');
  });

  it('**/*.pem and **/*.key match by extension at any depth', () => {
    yes('**/*.pem', 'cert.pem', 'a/b/server.pem', '/etc/ssl/x.pem', '.pem');
    no('**/*.pem', 'cert.pem.txt', 'a/pem', 'a/certpem');
    yes('**/*.key', 'tls.key', 'a/b/c.key');
    no('**/*.key', 'keys.ts', 'a/monkey.ts');
  });

  it('**/id_rsa* matches the key and its .pub', () => {
    yes('**/id_rsa*', 'id_rsa', '.ssh/id_rsa', '/home/u/.ssh/id_rsa.pub', 'id_rsa_work');
    no('**/id_rsa*', 'my_id_rsa', 'id_ed25519', 'id_rsa/inside');
  });

  it('**/secrets/** matches everything below any secrets folder, and the folder', () => {
    yes('**/secrets/**', 'secrets/a', 'secrets/a/b.json', 'x/secrets/y', 'x/y/secrets/z/w.txt', 'secrets');
    no('**/secrets/**', 'secrets.ts', 'mysecrets/a', 'x/secretsx/y', 'x/secret/y');
  });

  it('* and ? never cross a folder boundary', () => {
    yes('*.ts', 'a.ts', '.ts');
    no('*.ts', 'src/a.ts', 'a.tsx');
    yes('src/?.ts', 'src/a.ts');
    no('src/?.ts', 'src/ab.ts', 'src//.ts', 'src/a/b.ts');
    yes('a/*/c', 'a/b/c');
    no('a/*/c', 'a/b/x/c');
  });

  it('** in the middle matches zero or more folders', () => {
    yes('src/**/test.ts', 'src/test.ts', 'src/a/test.ts', 'src/a/b/c/test.ts');
    no('src/**/test.ts', 'lib/src/test.ts', 'src/atest.ts');
    yes('**', 'a', 'a/b/c', '/abs/path');
  });

  it('braces expand alternatives, also with globs inside and nested', () => {
    yes('**/*.{pem,key,p12}', 'a.pem', 'x/b.key', 'c.p12');
    no('**/*.{pem,key,p12}', 'a.pe', 'a.keys');
    yes('{config,settings}/**/*.json', 'config/a.json', 'settings/x/y.json');
    yes('**/{a,b{1,2}}.txt', 'a.txt', 'x/b1.txt', 'b2.txt');
    no('**/{a,b{1,2}}.txt', 'b.txt', 'b3.txt');
    yes('a,b', 'a,b');
  });

  it('character classes, negated classes and ranges', () => {
    yes('file[0-9].txt', 'file1.txt', 'file9.txt');
    no('file[0-9].txt', 'filex.txt', 'file10.txt');
    yes('[abc].ts', 'a.ts', 'c.ts');
    no('[abc].ts', 'd.ts');
    yes('[!abc].ts', 'd.ts');
    no('[!abc].ts', 'a.ts', '/.ts');
    yes('x[]]y', 'x]y');
    yes('a[.ts', 'a[.ts');
  });

  it('treats regex metacharacters literally', () => {
    yes('a+b(c)$^|.txt', 'a+b(c)$^|.txt');
    no('a.b', 'axb');
    yes('{a', '{a');
    yes('a}', 'a}');
  });

  it('ignores case, so .ENV on a case-insensitive file system is still caught', () => {
    yes('**/.env', 'A/.ENV');
    yes('**/*.pem', 'X.PEM');
  });

  it('accepts Windows separators in paths and patterns', () => {
    yes('**/.env', 'C:\\work\\proj\\.env');
    yes('C:\\work\\**', 'c:/work/proj/a.ts');
    yes('src\\*.ts', 'src/a.ts');
  });

  it('a trailing slash means the folder and everything below; ./ is ignored', () => {
    yes('build/', 'build', 'build/a/b');
    yes('./config/*.json', 'config/a.json');
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
