import type { FromPanel, ToPanel } from '../../core/prompts/panelProtocol';
import { footerText } from '../../core/prompts/panelProtocol';
import { PROVIDERS } from '../../core/providers';
import { renderMarkdown } from './render';
import { showFailure } from './errorView';
import { vsCodeApi } from '../vscodeApi';

/** The explanation panel: renders streamed Markdown safely, Stop aborts, Copy copies a code block. */
const vscode = vsCodeApi<FromPanel>();
const title = byId('title');
const subtitle = byId('subtitle');
const body = byId('body');
const footer = byId('footer');
const stop = byId('stop');
if (!(stop instanceof HTMLButtonElement)) throw new Error('explain panel: #stop is not a button');

let pending: { text: string; restored: string[] } | undefined;
// Re-rendering the whole answer per chunk is cheap at explanation sizes; batch to one render per frame.
function scheduleRender(text: string, restored: string[]): void {
  const first = pending === undefined;
  pending = { text, restored };
  if (!first) return;
  requestAnimationFrame(() => {
    if (pending === undefined) return;
    const stick = body.scrollHeight - body.scrollTop - body.clientHeight < 40;
    body.innerHTML = renderMarkdown(pending.text, { restored: pending.restored });
    pending = undefined;
    if (stick) body.scrollTop = body.scrollHeight;
  });
}

window.addEventListener('message', (event: MessageEvent<ToPanel>) => {
  const m = event.data;
  switch (m.type) {
    case 'start':
      title.textContent = m.title;
      subtitle.textContent = m.subtitle;
      body.innerHTML = '<p class="waiting">Waiting for the first tokens…</p>';
      footer.textContent = `${m.model || 'model'} on ${PROVIDERS[m.provider].labelMid}`;
      document.body.classList.add('streaming');
      document.body.classList.remove('failed');
      stop.disabled = false;
      break;
    case 'text':
      scheduleRender(m.text, m.restored ?? []);
      break;
    case 'done':
    case 'stopped':
      document.body.classList.remove('streaming');
      stop.disabled = true;
      footer.textContent = (m.type === 'stopped' ? 'Stopped. ' : '') + (m.footer ? footerText(m.footer) : '');
      break;
    case 'inspect':
      vscode.postMessage({ type: 'rendered', html: body.innerHTML });
      break;
    case 'error': {
      document.body.classList.remove('streaming');
      document.body.classList.add('failed');
      stop.disabled = true;
      const p = document.createElement('p');
      p.className = 'error';
      p.textContent = m.message;
      body.appendChild(p);
      break;
    }
    case 'failure':
      document.body.classList.remove('streaming');
      document.body.classList.add('failed');
      stop.disabled = true;
      // After any render still queued for this frame, which would otherwise replace it.
      requestAnimationFrame(() => showFailure(body, m.message, m.actions, (action) => vscode.postMessage({ type: 'action', action })));
      break;
  }
});

stop.addEventListener('click', () => {
  stop.disabled = true;
  vscode.postMessage({ type: 'stop' });
});

// Copy buttons are rendered by the Markdown renderer; one delegated listener (CSP forbids inline handlers).
body.addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLButtonElement) || !target.classList.contains('copy')) return;
  const code = target.closest('.code-block')?.querySelector('pre code')?.textContent ?? '';
  vscode.postMessage({ type: 'copy', text: code });
  target.textContent = 'Copied';
  setTimeout(() => (target.textContent = 'Copy'), 1200);
});

vscode.postMessage({ type: 'ready' });

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`explain panel: #${id} missing`);
  return el;
}
