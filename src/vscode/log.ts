import * as vscode from 'vscode';
import type { Log } from './services';

/**
 * The "Tandem" log channel. A LogOutputChannel so the user picks the level
 * (Developer: Set Log Level); code and prompts go to `debug` only, which is off by default.
 */
export function createLog(): { log: Log; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Tandem', { log: true });
  const log: Log = {
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
    debug: (m) => channel.debug(m),
    show: () => channel.show(true),
  };
  return { log, channel };
}
