import * as path from 'path';
import * as vscode from 'vscode';
import { EgressFileSink } from '../../core/egress/egressFile';
import { EgressLog } from '../../core/egress/egressLog';
import type { EgressRecord } from '../../core/egress/egressLog';
import { formatEgress } from '../../core/egress/format';
import { EgressTracker } from '../../core/egress/tracker';
import type { Log } from '../services';

const SCHEME = 'tandem-egress';
const DOC_URI = vscode.Uri.from({ scheme: SCHEME, path: '/What Left This Machine.md' });

export interface Egress {
  readonly log: EgressLog;
  /** Give `tracker.onSent` to the engine as `onEgress`; wrap feature streams with `protectedStream({ tracker, ... })`. */
  readonly tracker: EgressTracker;
  /** The JSON-lines copy under global storage. */
  readonly file: string;
}

/**
 * The egress log of this window, its on-disk copy (`egress.jsonl` in global storage,
 * metadata only), and "Tandem: Show What Left This Machine": a read-only document that
 * updates while it is open. For a script the command returns the records, oldest first.
 */
export function registerEgress(context: vscode.ExtensionContext, log: Log): { egress: Egress; disposables: vscode.Disposable[] } {
  const file = path.join(context.globalStorageUri.fsPath, 'egress.jsonl');
  const egressLog = new EgressLog({ capacity: 1000, sink: new EgressFileSink(file, 1_000_000, (m) => log.warn(m)) });
  const tracker = new EgressTracker(egressLog);
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let pending: NodeJS.Timeout | undefined;
  const off = egressLog.onDidChange(() => {
    // Many chunks of records during a burst of inline requests: one refresh per 200 ms is plenty.
    pending ??= setTimeout(() => {
      pending = undefined;
      changed.fire(DOC_URI);
    }, 200);
  });
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: () => formatEgress(egressLog.list()) + `\nOn disk: ${file}\n`,
  };
  const disposables: vscode.Disposable[] = [
    changed,
    new vscode.Disposable(() => {
      off();
      if (pending) clearTimeout(pending);
    }),
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.commands.registerCommand('tandem.showEgress', async (): Promise<EgressRecord[]> => {
      try {
        const doc = await vscode.workspace.openTextDocument(DOC_URI);
        await vscode.window.showTextDocument(doc, { preview: true });
      } catch (e) {
        log.warn(`Could not open the egress view: ${e instanceof Error ? e.message : String(e)}`);
      }
      return egressLog.list();
    }),
  ];
  return { egress: { log: egressLog, tracker, file }, disposables };
}
