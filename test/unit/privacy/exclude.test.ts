import assert from 'node:assert/strict';
import { DEFAULT_EXCLUDE } from '../../../src/core/config';
import { matchExclude } from '../../../src/core/privacy/exclude';

const root = '/home/u/proj';
function check(rel: string, patterns: readonly string[] = DEFAULT_EXCLUDE): string | undefined {
  return matchExclude(patterns, `${root}/${rel}`, rel)?.pattern;
}

describe('matchExclude', () => {
  it('excludes every default kind of secret file', () => {
    assert.equal(check('.env'), '**/.env');
    assert.equal(check('api/.env'), '**/.env');
    assert.equal(check('.env.local'), '**/.env.*');
    assert.equal(check('certs/server.pem'), '**/*.pem');
    assert.equal(check('tls/server.key'), '**/*.key');
    assert.equal(check('deploy/id_rsa'), '**/id_rsa*');
    assert.equal(check('deploy/id_rsa.pub'), '**/id_rsa*');
    assert.equal(check('config/secrets/db.json'), '**/secrets/**');
    assert.equal(check('secrets/x/y.yaml'), '**/secrets/**');
  });

  it('leaves ordinary source files alone', () => {
    for (const rel of ['src/index.ts', 'src/env.ts', 'docs/keys.md', 'src/secret.ts', 'src/secretsManager.ts', '.envrc', 'package.json']) {
      assert.equal(check(rel), undefined, rel);
    }
  });

  it('matches the workspace-relative path', () => {
    assert.equal(check('config/prod.json', ['config/*.json']), 'config/*.json');
    assert.equal(check('other/config/prod.json', ['config/*.json']), undefined);
  });

  it('matches the absolute path too', () => {
    assert.equal(matchExclude(['/home/u/proj/private/**'], '/home/u/proj/private/a.ts', 'private/a.ts')?.pattern, '/home/u/proj/private/**');
    assert.equal(matchExclude(['/home/u/**/*.sql'], '/home/u/proj/db/dump.sql', 'db/dump.sql')?.pattern, '/home/u/**/*.sql');
    // A file outside every workspace folder has no relative path: the absolute one still counts.
    assert.equal(matchExclude(DEFAULT_EXCLUDE, '/tmp/loose/.env', undefined)?.pattern, '**/.env');
    assert.equal(matchExclude(['/tmp/**'], '/tmp/a.ts', undefined)?.pattern, '/tmp/**');
  });

  it('a pattern naming a folder excludes the files inside it', () => {
    assert.equal(check('vault/a/b.txt', ['vault']), 'vault');
    assert.equal(check('x/private-data/a.csv', ['**/private-*']), '**/private-*');
    assert.equal(check('vaults/a.txt', ['vault']), undefined);
  });

  it('accepts Windows paths', () => {
    assert.equal(matchExclude(DEFAULT_EXCLUDE, 'C:\\work\\proj\\.env', '.env')?.pattern, '**/.env');
    assert.equal(matchExclude(['config/*.json'], 'C:\\work\\proj\\config\\a.json', 'config\\a.json')?.pattern, 'config/*.json');
  });

  it('ignores empty patterns and an empty relative path', () => {
    assert.equal(matchExclude(['', '  '], '/home/u/proj/a.ts', 'a.ts'), undefined);
    assert.equal(matchExclude(['*'], '/home/u/proj', ''), undefined);
  });
});
