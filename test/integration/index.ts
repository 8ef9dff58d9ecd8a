// The mocha `run()` module that the extension host loads as `extensionTestsPath`, in both
// hosts (code-server's Node extension host and @vscode/test-electron's desktop one).
//
// The runner (test/host/run.js) hands it, through the environment:
//   TANDEM_TEST_FILES     JSON array of the suite's compiled test files
//   TANDEM_TEST_LOG       file that receives the spec reporter's lines and every console.*
//                         call made during the run; the runner streams it to its stdout
//                         (the same path in both hosts, instead of each host's own console)
//   TANDEM_TEST_PROGRESS  file naming the running test, so a hang can say where it hung
//   TANDEM_TEST_RESULTS   file receiving { passes, failures, pending } for the summary line
//   TANDEM_TEST_GREP      optional mocha grep
// Without them (a plain test-electron launch), it runs every *.test.js beside it and writes
// to the console.
import * as fs from 'fs';
import * as path from 'path';
import { Console } from 'console';
import { Writable } from 'stream';
import Mocha from 'mocha';

type Progress = { phase: 'loading' | 'running' | 'between' | 'done'; test?: string; file?: string; passes?: number; failures?: number };

function listTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTests(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

function suiteFiles(): string[] {
  const fromEnv = process.env.TANDEM_TEST_FILES;
  if (!fromEnv) return listTests(__dirname).sort();
  const parsed: unknown = JSON.parse(fromEnv);
  if (!Array.isArray(parsed) || !parsed.every((f) => typeof f === 'string')) {
    throw new Error('TANDEM_TEST_FILES must be a JSON array of paths');
  }
  return parsed;
}

function writeJson(file: string | undefined, value: unknown): void {
  if (file) fs.writeFileSync(file, JSON.stringify(value));
}

/**
 * Sends console output to the log file while tests run. The extension host makes the methods
 * of its `console` object read-only (they forward to the workbench, formatted differently
 * in each host), so the global binding is swapped for a Console on the file instead, and
 * mocha's reporter, which captured console.log when it loaded, is pointed at it too.
 */
function redirectConsole(logFile: string): () => void {
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      fs.appendFileSync(logFile, chunk);
      callback();
    },
  });
  const fileConsole = new Console({ stdout: sink, stderr: sink });
  const savedConsole = globalThis.console;
  const savedReporterLog = Mocha.reporters.Base.consoleLog;
  globalThis.console = fileConsole;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => fileConsole.log(...args);
  return () => {
    globalThis.console = savedConsole;
    Mocha.reporters.Base.consoleLog = savedReporterLog;
  };
}

export function run(): Promise<void> {
  const logFile = process.env.TANDEM_TEST_LOG;
  const progressFile = process.env.TANDEM_TEST_PROGRESS;
  const resultsFile = process.env.TANDEM_TEST_RESULTS;
  // Stack traces point at the TypeScript sources (esbuild --tests writes inline source maps).
  process.setSourceMapsEnabled(true);
  const restoreConsole = logFile ? redirectConsole(logFile) : () => undefined;
  const progress = (p: Progress) => writeJson(progressFile, p);
  progress({ phase: 'loading' });

  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 20000, color: false });
  const grep = process.env.TANDEM_TEST_GREP;
  if (grep) mocha.grep(grep);

  return new Promise<void>((resolve, reject) => {
    const finish = (failures: number, passes: number, pending: number) => {
      progress({ phase: 'done' });
      writeJson(resultsFile, { passes, failures, pending });
      restoreConsole();
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    };
    try {
      for (const f of suiteFiles()) mocha.addFile(f);
      const runner = mocha.run((failures) => {
        finish(failures, runner.stats?.passes ?? 0, runner.stats?.pending ?? 0);
      });
      // Counts ride along so a run that hangs later still reports what passed before.
      const counts = () => ({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 });
      runner.on('test', (t) => progress({ phase: 'running', test: t.fullTitle(), file: t.file, ...counts() }));
      runner.on('test end', (t) => progress({ phase: 'between', test: t.fullTitle(), file: t.file, ...counts() }));
    } catch (e) {
      // A test file that fails to load is a failure, not a silent empty run.
      console.error('Loading the tests failed:', e);
      finish(1, 0, 0);
    }
  });
}
