import * as vscode from 'vscode';
import { scrubUrlCredentials } from '../core/net/urlCredentials';
import type { Log } from './services';

/**
 * The "Tandem" log channel. A LogOutputChannel so the user picks the level
 * (Developer: Set Log Level); code and prompts go to `debug` only, which is off by default.
 */
export function createLog(): { log: Log; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Tandem', { log: true });
  const log: Log = {
    // Every line, whoever formats it: a URL's user:password@ never reaches the log.
    info: (m) => channel.info(scrubUrlCredentials(m)),
    warn: (m) => channel.warn(scrubUrlCredentials(m)),
    error: (m) => channel.error(scrubUrlCredentials(m)),
    debug: (m) => channel.debug(scrubUrlCredentials(m)),
    show: () => channel.show(true),
  };
  return { log, channel };
}
