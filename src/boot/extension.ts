// What VS Code requires (dist/extension.js): a few lines that load the extension itself
// (dist/main.js, built from src/extension.ts) through V8's code cache, see ./codeCache.ts.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type * as Main from '../extension';
import { loadWithCodeCache } from './codeCache';

/** A hash of dist/main.js's content, set by the build (esbuild.js). */
declare const TANDEM_MAIN_HASH: string;

/** Long enough for what the first seconds of use compile (the status bar's updates, say) to be in the cache. */
const SAVE_AFTER_MS = 5000;

type MainModule = Pick<typeof Main, 'activate' | 'deactivate'>;

function isMain(v: unknown): v is MainModule {
  return typeof v === 'object' && v !== null && 'activate' in v && typeof v.activate === 'function' && 'deactivate' in v && typeof v.deactivate === 'function';
}

const loaded = loadWithCodeCache(path.join(__dirname, 'main.js'), TANDEM_MAIN_HASH, module);

function main(): MainModule {
  if (!isMain(loaded.exports)) throw new Error(`${path.join(__dirname, 'main.js')} does not export activate and deactivate`);
  return loaded.exports;
}

export function activate(context: vscode.ExtensionContext): ReturnType<MainModule['activate']> {
  const api = main().activate(context);
  if (loaded.cache !== 'used') {
    const timer = setTimeout(() => void loaded.save(), SAVE_AFTER_MS);
    timer.unref();
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  return api;
}

export function deactivate(): Promise<void> {
  return main().deactivate();
}
