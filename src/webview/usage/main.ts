import type { FromUsageWebview } from '../../core/usage/usageProtocol';
import { isToUsageWebview, isUsageRange } from '../../core/usage/usageProtocol';
import type { UsageRange } from '../../core/usage/view';
import { h } from './dom';
import { render } from './render';
import { vsCodeApi } from '../vscodeApi';

const vscode = vsCodeApi<FromUsageWebview>();
const app = document.getElementById('app');
const saved = vscode.getState();
let range: UsageRange = typeof saved === 'object' && saved !== null && 'range' in saved && isUsageRange(saved.range) ? saved.range : '7d';

function setRange(r: UsageRange): void {
  range = r;
  vscode.setState({ range });
  vscode.postMessage({ type: 'range', range });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!app || !isToUsageWebview(msg)) return;
  if (msg.type === 'error') {
    app.replaceChildren(h('main', { class: 'usage' }, h('section', { class: 'empty' }, h('h2', {}, 'The usage view could not load'), h('p', {}, msg.message))));
    return;
  }
  // Keep the scroll position across live updates.
  const y = window.scrollY;
  app.replaceChildren(render(msg.view, {
    range: setRange,
    exportAs: (format) => vscode.postMessage({ type: 'export', format }),
    clear: () => vscode.postMessage({ type: 'clear' }),
    openSettings: (query) => vscode.postMessage({ type: 'openSettings', query }),
    applySplit: (inline, chat) => vscode.postMessage({ type: 'applySplit', inline, chat }),
  }));
  window.scrollTo(0, y);
});

// The handshake: the extension sends data only once it knows this script listens.
vscode.postMessage({ type: 'ready', range });
