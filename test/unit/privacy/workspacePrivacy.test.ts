import assert from 'node:assert/strict';
import { filePrivacy, folderPrivacy, matchPrivateFolders, strictestOf } from '../../../src/core/privacy/workspacePrivacy';
import type { FolderFacts, SettingScope } from '../../../src/core/privacy/workspacePrivacy';

const home = '/home/u';
function folder(path: string, ...trueAt: SettingScope[]): FolderFacts {
  return { path, name: path.split('/').pop() ?? path, privateWorkspaceTrueAt: trueAt };
}

describe('folderPrivacy', () => {
  it('is private when tandem.privateWorkspace is true at any scope, naming where', () => {
    for (const [scope, words] of [['user', 'user settings'], ['workspace', '.vscode/settings.json'], ['folder', '.vscode/settings.json']] as const) {
      const d = folderPrivacy(folder('/w/a', scope), [], home);
      assert.equal(d.private, true, scope);
      assert.match(d.reason, new RegExp(words.replace('.', '\\.')), scope);
    }
  });

  it('is not private by default', () => {
    assert.deepEqual(folderPrivacy(folder('/w/a'), [], home).private, false);
  });

  it('is private when privateFolders matches the folder or an ancestor, ~ expanded', () => {
    assert.equal(folderPrivacy(folder('/home/u/clients/acme'), ['~/clients'], home).private, true);
    assert.equal(folderPrivacy(folder('/home/u/clients/acme/api'), ['~/clients/*'], home).private, true);
    assert.equal(folderPrivacy(folder('/home/u/clients'), ['~/clients/**'], home).private, true);
    assert.equal(folderPrivacy(folder('/home/u/clients/acme'), ['~/clients/'], home).private, true);
    assert.equal(folderPrivacy(folder('/work/bank-core'), ['/work/bank-*'], home).private, true);
    assert.match(folderPrivacy(folder('/home/u/clients/acme'), ['~/clients'], home).reason, /"~\/clients" in tandem\.privateFolders/);
  });

  it('does not match siblings or name prefixes', () => {
    assert.equal(folderPrivacy(folder('/home/u/clientsX/a'), ['~/clients'], home).private, false);
    assert.equal(folderPrivacy(folder('/home/u/open'), ['~/clients/**'], home).private, false);
    assert.equal(folderPrivacy(folder('/home/u'), ['~/clients'], home).private, false);
  });
});

describe('matchPrivateFolders', () => {
  it('matches Windows folders and ignores blank entries', () => {
    assert.equal(matchPrivateFolders('C:\\Users\\u\\clients\\acme', ['C:\\Users\\u\\clients'], 'C:\\Users\\u'), 'C:\\Users\\u\\clients');
    assert.equal(matchPrivateFolders('C:\\Users\\u\\clients\\acme', ['~\\clients'], 'C:\\Users\\u'), '~\\clients');
    assert.equal(matchPrivateFolders('/a/b', ['', '  '], home), undefined);
  });
});

describe('filePrivacy (multi-root)', () => {
  const open = folder('/w/open');
  const priv = folder('/w/priv', 'folder');
  const nestedPrivate = folder('/w/open/vendor/bank', 'folder');

  it('the folder containing the file decides', () => {
    assert.equal(filePrivacy('/w/open/a.ts', [open, priv], [], home).private, false);
    assert.equal(filePrivacy('/w/priv/a.ts', [open, priv], [], home).private, true);
  });

  it('the innermost folder containing the file decides', () => {
    assert.equal(filePrivacy('/w/open/vendor/bank/x.ts', [open, nestedPrivate], [], home).private, true);
    assert.equal(filePrivacy('/w/open/vendor/other.ts', [open, nestedPrivate], [], home).private, false);
    const outerPrivate = folder('/w/p', 'folder');
    const innerOpen = folder('/w/p/docs');
    // The innermost folder decides even when an outer folder is stricter (its own settings apply).
    assert.equal(filePrivacy('/w/p/docs/readme.md', [outerPrivate, innerOpen], [], home).private, false);
  });

  it('does not treat a folder name prefix as containment', () => {
    assert.equal(filePrivacy('/w/privX/a.ts', [open, priv], [], home).private, true, 'outside every folder: strictest applies');
    assert.equal(filePrivacy('/w/openX/a.ts', [open], [], home).private, false);
  });

  it('a file outside every folder follows the strictest open folder', () => {
    const d = filePrivacy('/tmp/scratch.ts', [open, priv], [], home);
    assert.equal(d.private, true);
    assert.match(d.reason, /strictest/);
    assert.match(d.reason, /"priv"/);
    assert.equal(filePrivacy('/tmp/scratch.ts', [open], [], home).private, false);
  });

  it('no file (untitled or no editor) follows the strictest open folder', () => {
    assert.equal(filePrivacy(undefined, [open, priv], [], home).private, true);
    assert.equal(filePrivacy(undefined, [open], [], home).private, false);
    assert.equal(filePrivacy(undefined, [priv], [], home).reason, folderPrivacy(priv, [], home).reason);
  });

  it('privateFolders keeps a loose file or a private sub-folder of an open folder private', () => {
    assert.equal(filePrivacy('/home/u/clients/acme/a.ts', [], ['~/clients'], home).private, true);
    assert.equal(filePrivacy('/home/u/clients/acme/a.ts', [open], ['~/clients'], home).private, true);
    assert.equal(filePrivacy('/w/open/sub/a.ts', [open], ['/w/open/sub'], home).private, true);
    assert.equal(filePrivacy('/w/open/other/a.ts', [open], ['/w/open/sub'], home).private, false);
    assert.equal(filePrivacy('/home/u/notes.txt', [], ['~/clients'], home).private, false);
  });

  it('with no folder and no file, nothing is private', () => {
    assert.equal(filePrivacy(undefined, [], ['~/clients'], home).private, false);
  });

  it('handles Windows paths and drive-letter case', () => {
    const win = { path: 'C:\\w\\priv', name: 'priv', privateWorkspaceTrueAt: ['workspace' as const] };
    const winOpen = { path: 'c:\\w\\open', name: 'open', privateWorkspaceTrueAt: [] };
    assert.equal(filePrivacy('c:\\w\\priv\\a.ts', [winOpen, win], [], 'C:\\Users\\u').private, true);
    assert.equal(filePrivacy('C:\\w\\open\\a.ts', [winOpen, win], [], 'C:\\Users\\u').private, false);
  });
});

describe('privacy reasons (status bar tooltip)', () => {
  it('names the file that made the folder private', () => {
    assert.equal(folderPrivacy(folder('/w/a', 'workspace'), [], home).reason, 'set in .vscode/settings.json (tandem.privateWorkspace)');
    assert.equal(folderPrivacy(folder('/w/a', 'folder'), [], home).reason, 'set in .vscode/settings.json (tandem.privateWorkspace)');
    assert.equal(folderPrivacy(folder('/w/a', 'user'), [], home).reason, 'set in your user settings (tandem.privateWorkspace)');
    const multi = { ...folder('/w/api', 'folder'), workspaceSettingsFile: 'team.code-workspace' };
    assert.equal(folderPrivacy(multi, [], home).reason, 'set in .vscode/settings.json of folder "api" (tandem.privateWorkspace)');
    assert.equal(folderPrivacy({ ...multi, privateWorkspaceTrueAt: ['workspace'] }, [], home).reason, 'set in team.code-workspace (tandem.privateWorkspace)');
  });

  it('prefers the innermost scope when several say true', () => {
    assert.match(folderPrivacy(folder('/w/a', 'user', 'folder'), [], home).reason, /\.vscode\/settings\.json/);
  });

  it('strictestOf: one private folder of a multi-root workspace decides (Test Connection), whichever editor is active', () => {
    const open = folder('/w/open-app');
    const bank = folder('/w/bank-core', 'folder');
    const active = filePrivacy('/w/open-app/src/greet.ts', [open, bank], [], home);
    assert.equal(active.private, false);
    const d = strictestOf([active, filePrivacy(undefined, [open, bank], [], home)]);
    assert.equal(d.private, true);
    assert.match(d.reason, /bank-core/);
    assert.equal(strictestOf([active, filePrivacy(undefined, [open], [], home)]).private, false);
  });
});
