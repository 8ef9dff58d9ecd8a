import assert from 'node:assert/strict';
import { DEFAULT_EXCLUDE } from '../../../src/core/config';
import { trueScopes, unionOfScopes } from '../../../src/core/privacy/folderSettings';

describe('unionOfScopes', () => {
  it('keeps the defaults and adds every scope, never replaces', () => {
    const u = unionOfScopes({ defaultValue: [...DEFAULT_EXCLUDE], globalValue: ['**/*.sql'], workspaceValue: [], workspaceFolderValue: ['data/**', '**/*.sql'] });
    assert.deepEqual(u, [...DEFAULT_EXCLUDE, '**/*.sql', 'data/**']);
  });

  it('a repository setting an empty list cannot remove the defaults', () => {
    assert.deepEqual(unionOfScopes({ workspaceValue: [] }), [...DEFAULT_EXCLUDE]);
  });

  it('ignores non-lists, non-strings and blanks', () => {
    assert.deepEqual(unionOfScopes({ globalValue: '**/*.sql', workspaceValue: [1, '', '  x  '] }, []), ['x']);
    assert.deepEqual(unionOfScopes(undefined, ['a']), ['a']);
  });
});

describe('trueScopes', () => {
  it('lists every scope where privateWorkspace is true', () => {
    assert.deepEqual(trueScopes({ globalValue: true, workspaceValue: false, workspaceFolderValue: true }), ['user', 'folder']);
    assert.deepEqual(trueScopes({ defaultValue: false }), []);
    assert.deepEqual(trueScopes({ workspaceValue: 'true' }), []);
  });
});
