import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { matchExcludeOnPaths } from '../../../src/core/privacy/exclude';
import { DEFAULT_EXCLUDE } from '../../../src/core/config';
import { filePrivacyOnPaths } from '../../../src/core/privacy/workspacePrivacy';
import type { FolderFacts } from '../../../src/core/privacy/workspacePrivacy';
import { RealPaths } from '../../../src/vscode/privacy/realPaths';

const HOME = '/home/ann';
const app: FolderFacts = { path: '/w/app', name: 'app', privateWorkspaceTrueAt: [] };

describe('privacy on real paths (symlinks, . and ..)', () => {
  it('a file reached through a link into a tandem.privateFolders folder is private', () => {
    const d = filePrivacyOnPaths('/w/app/vendor/lib.ts', '/home/ann/private-repo/lib.ts', [app], ['~/private-repo'], HOME);
    assert.equal(d.private, true);
    assert.match(d.reason, /real path.*private-repo/);
  });

  it('the same file opened by its plain path is not private when neither path is', () => {
    assert.equal(filePrivacyOnPaths('/w/app/src/a.ts', '/w/app/src/a.ts', [app], ['~/private-repo'], HOME).private, false);
    assert.equal(filePrivacyOnPaths('/w/app/src/a.ts', '/srv/shared/a.ts', [app], ['~/private-repo'], HOME).private, false);
  });

  it('a link from a public folder into a private workspace folder takes that folder\'s privacy', () => {
    const secret: FolderFacts = { path: '/w/secret', name: 'secret', privateWorkspaceTrueAt: ['folder'] };
    const d = filePrivacyOnPaths('/w/app/x.ts', '/w/secret/x.ts', [app, secret], [], HOME);
    assert.equal(d.private, true);
  });

  it('a workspace folder opened through a link is private when its real path is listed', () => {
    const linked: FolderFacts = { ...app, realPath: '/home/ann/private-repo' };
    assert.equal(filePrivacyOnPaths('/w/app/a.ts', '/home/ann/private-repo/a.ts', [linked], ['/home/ann/private-repo'], HOME).private, true);
    assert.equal(filePrivacyOnPaths(undefined, undefined, [linked], ['/home/ann/private-repo'], HOME).private, true);
  });

  it('exclusion: either name excluded means excluded (a link to .env)', () => {
    const views = [
      { absPath: '/w/app/config/local.settings', relPath: 'config/local.settings', patterns: DEFAULT_EXCLUDE },
      { absPath: '/w/app/.env', relPath: '.env', patterns: DEFAULT_EXCLUDE },
    ];
    assert.equal(matchExcludeOnPaths(views)?.pattern, '**/.env');
    assert.equal(matchExcludeOnPaths(views.slice(0, 1)), undefined);
  });

  describe('RealPaths', () => {
    let dir: string;
    before(() => {
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-real-')));
      fs.mkdirSync(path.join(dir, 'public', 'config'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'secret'));
      fs.writeFileSync(path.join(dir, 'public', '.env'), 'A=1\n');
      fs.symlinkSync('../.env', path.join(dir, 'public', 'config', 'local.settings'));
      fs.symlinkSync(path.join(dir, 'secret'), path.join(dir, 'public', 'vendor'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('resolves file links, folder links and .. segments', () => {
      const real = new RealPaths(false);
      assert.equal(real.of(path.join(dir, 'public', 'config', 'local.settings')), path.join(dir, 'public', '.env'));
      assert.equal(real.of(path.join(dir, 'public', 'vendor', 'new.ts')), path.join(dir, 'secret', 'new.ts'), 'a file not saved yet, in a linked folder');
      assert.equal(real.canonical(`${dir}/public/../secret/x.ts`), path.join(dir, 'secret', 'x.ts'));
    });

    it('asks the file system once per path until told to forget', () => {
      const real = new RealPaths(false);
      const link = path.join(dir, 'public', 'config', 'local.settings');
      assert.equal(real.of(link), path.join(dir, 'public', '.env'));
      fs.unlinkSync(link);
      fs.symlinkSync('../../secret', link);
      assert.equal(real.of(link), path.join(dir, 'public', '.env'), 'cached');
      real.forget(link);
      assert.equal(real.of(link), path.join(dir, 'secret'));
    });

    it('folds case where the file system ignores it', () => {
      assert.equal(new RealPaths(true).canonical('/W/App/A.ts'), '/w/app/a.ts');
    });
  });
});
