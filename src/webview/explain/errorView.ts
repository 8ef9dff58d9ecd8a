import type { PanelAction, PanelButton } from '../../core/prompts/panelProtocol';

/**
 * The panel's error view: the message and the buttons that fix it, where the person is
 * looking (a notification scrolls away). It replaces the waiting placeholder and any earlier
 * error view; text that already streamed stays above it.
 */
export function showFailure(body: HTMLElement, message: string, buttons: readonly PanelButton[], onAction: (a: PanelAction) => void): void {
  body.querySelector('.waiting')?.remove();
  body.querySelector('.failure')?.remove();
  const section = document.createElement('section');
  section.className = 'failure';
  section.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = message;
  section.appendChild(p);
  if (buttons.length) {
    const row = document.createElement('div');
    row.className = 'failure-actions';
    buttons.forEach((b, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = b.label;
      button.dataset.action = b.action;
      // The first fix is the likely one; the rest look secondary.
      if (i > 0) button.className = 'secondary';
      button.addEventListener('click', () => onAction(b.action));
      row.appendChild(button);
    });
    section.appendChild(row);
  }
  body.appendChild(section);
  section.querySelector('button')?.focus();
}
