import * as path from 'path';
import * as vscode from 'vscode';
import { EgressFileSink } from '../../core/egress/egressFile';
import { EgressLog } from '../../core/egress/egressLog';
import type { EgressRecord } from '../../core/egress/egressLog';
import { EgressTracker } from '../../core/egress/tracker';
import type { Log } from '../services';
import { EgressPanel } from './egressPanel';

export interface Egress {
  readonly log: EgressLog;
  /** Give it to the engine twice: `tracker.onSent` as `onEgress`, and the tracker itself as `tracker` (its privacy step attributes each stream). */
  readonly tracker: EgressTracker;
  /** The JSON-lines copy under global storage. */
  readonly file: string;
}

/**
 * The egress log of this window, its on-disk copy (`egress.jsonl` in global storage,
 * metadata only), and "Tandem: Show What Left This Machine": a webview table that updates
 * while it is open. For a script the command returns the records, oldest first.
 */
export function registerEgress(context: vscode.ExtensionContext, log: Log): { egress: Egress; disposables: vscode.Disposable[] } {
  const file = path.join(context.globalStorageUri.fsPath, 'egress.jsonl');
  const egressLog = new EgressLog({ capacity: 1000, sink: new EgressFileSink(file, 1_000_000, (m) => log.warn(m)) });
  const tracker = new EgressTracker(egressLog);
  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand('tandem.showEgress', (): EgressRecord[] => {
      try {
        EgressPanel.show(context.extensionUri, egressLog, file);
      } catch (e) {
        log.warn(`Could not open the egress view: ${e instanceof Error ? e.message : String(e)}`);
      }
      return egressLog.list();
    }),
    { dispose: () => EgressPanel.open?.dispose() },
  ];
  return { egress: { log: egressLog, tracker, file }, disposables };
}
