import assert from 'node:assert/strict';
import { promptFileName } from '../../../src/core/prompts/context';

describe('promptFileName: paths in prompts never carry an absolute path', () => {
  it('is relative to the innermost workspace folder holding the file', () => {
    assert.equal(promptFileName('/home/ann/w/app/src/a.ts', ['/home/ann/w/app']), 'src/a.ts');
    assert.equal(promptFileName('/home/ann/w/app/lib/x/b.ts', ['/home/ann/w/app', '/home/ann/w/app/lib']), 'x/b.ts');
    assert.equal(promptFileName('C:\\Users\\ann\\w\\src\\a.ts', ['C:\\Users\\ann\\w']), 'src/a.ts');
  });

  it('a file outside every folder is named by its base name only', () => {
    assert.equal(promptFileName('/home/ann/Downloads/notes.py', ['/home/ann/w/app']), 'notes.py');
    assert.equal(promptFileName('/home/ann/w/application/x.ts', ['/home/ann/w/app']), 'x.ts', 'a sibling with a longer name is not inside');
    assert.equal(promptFileName('C:\\Users\\ann\\x.ts', []), 'x.ts');
    assert.equal(promptFileName('Untitled-1', []), 'Untitled-1');
  });
});
