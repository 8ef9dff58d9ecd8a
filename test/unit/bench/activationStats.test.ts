import assert from 'node:assert/strict';

interface Row { id: string; event: string; loadCode: number; callActivate: number }
interface Share { figure: number; batchBefore: number; batchMembers: string[]; ownLoad: number; callActivate: number }
// A plain-JS helper of the code-server host (bench:activation reads VS Code's table through it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const host = require('../../host/runningExtensions') as { parseActivationStats(text: string): Row[]; tandemShare(rows: Row[]): Share };

/** The shape of "Developer: Startup Performance" around its extensions table (values made up). */
const VIEW = [
  '## Performance Marks',
  '| What | Duration | Process | Info |',
  '| ---- | -------- | ------- | ---- |',
  '| start => app.isReady | 12 | [main] | |',
  '',
  '## Extension Activation Stats',
  '',
  '| Extension                | Eager | Load Code | Call Activate | Finish Activate | Event             | By                       |',
  '| ------------------------ | ----- | --------- | ------------- | --------------- | ----------------- | ------------------------ |',
  '| vscode.git               | true  | 90        | 12            | 30              | *                 | vscode.git               |',
  '| vscode.debug-auto-launch | false | 4         | 1             | 15              | onStartupFinished | vscode.debug-auto-launch |',
  '| vscode.emmet             | false | 70        | 9             | 0               | onLanguage        | vscode.emmet             |',
  '| vscode.merge-conflict    | false | 27        | 2             | 12              | onStartupFinished | vscode.merge-conflict    |',
  '| tandem-dev.tandem        | false | 33        | 9             | 1               | onStartupFinished | tandem-dev.tandem        |',
  '',
  '## Terminal Stats',
  '| Name | Value |',
  '| ---- | ----- |',
  '| 1 | 2 |',
].join('\n');

describe('activation benchmark: VS Code\'s Startup Performance table', () => {
  it('reads the extensions table and nothing of the tables around it', () => {
    const rows = host.parseActivationStats(VIEW);
    assert.deepEqual(rows.map((r) => r.id), ['vscode.git', 'vscode.debug-auto-launch', 'vscode.emmet', 'vscode.merge-conflict', 'tandem-dev.tandem']);
    assert.deepEqual(rows[4], { id: 'tandem-dev.tandem', event: 'onStartupFinished', loadCode: 33, callActivate: 9 });
  });

  it('a view without the table (still waiting for the workbench) gives no rows', () => {
    assert.deepEqual(host.parseActivationStats('## System Info\n| OS | linux |\n'), []);
  });

  it('splits the figure: the batch loaded before Tandem, Tandem\'s own load, its activate()', () => {
    const share = host.tandemShare(host.parseActivationStats(VIEW));
    // Other activation events (emmet, git) load in batches of their own and do not count.
    assert.deepEqual(share, { figure: 42, batchBefore: 27, batchMembers: ['vscode.debug-auto-launch', 'vscode.merge-conflict'], ownLoad: 6, callActivate: 9 });
  });

  it('an extension of the batch that loads after Tandem is not counted before it', () => {
    const rows = [...host.parseActivationStats(VIEW), { id: 'zz.later', event: 'onStartupFinished', loadCode: 40, callActivate: 3 }];
    assert.equal(host.tandemShare(rows).batchBefore, 27);
  });

  it('a table without Tandem is an error, not a zero', () => {
    assert.throws(() => host.tandemShare([]), /Tandem is not in/);
  });
});
