import type { EgressRecord } from '../../core/egress/egressLog';
import type { EgressFilter, FromEgressWebview } from '../../core/egress/egressProtocol';
import { isToEgressWebview } from '../../core/egress/egressProtocol';
import { render } from './render';
import { vsCodeApi } from '../vscodeApi';

/** The egress view: a live table of what left the machine, filtered by host and feature. */
const vscode = vsCodeApi<FromEgressWebview>();
const app = document.getElementById('app');
let records: EgressRecord[] = [];
let file = '';
let filter: EgressFilter = restored(vscode.getState());

function draw(): void {
  if (!app) return;
  // Keep the scroll position across live updates.
  const y = window.scrollY;
  app.replaceChildren(render(records, file, filter, (f) => {
    filter = f;
    vscode.setState(filter);
    vscode.postMessage({ type: 'filter', filter });
    draw();
  }));
  window.scrollTo(0, y);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isToEgressWebview(m)) return;
  records = m.records;
  file = m.file;
  draw();
});

function restored(s: unknown): EgressFilter {
  if (typeof s === 'object' && s !== null && 'host' in s && typeof s.host === 'string' && 'feature' in s && typeof s.feature === 'string') return { host: s.host, feature: s.feature };
  return { host: '', feature: '' };
}

vscode.postMessage({ type: 'ready' });
if (filter.host || filter.feature) vscode.postMessage({ type: 'filter', filter });
