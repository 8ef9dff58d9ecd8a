import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/**
 * The one HTML shell of our webviews: a strict CSP (`default-src 'none'`, styles, images and
 * fonts only from the extension, scripts only with this page's nonce: a nonce without the CSP
 * meta tag would do nothing), one stylesheet and one script bundle.
 */
export function webviewHtml(opts: { webview: vscode.Webview; title: string; script: vscode.Uri; style: vscode.Uri; body: string }): string {
  const { webview } = opts;
  const nonce = randomBytes(24).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${webview.asWebviewUri(opts.style).toString()}">
<title>${opts.title}</title>
</head>
<body>
${opts.body}
<script nonce="${nonce}" src="${webview.asWebviewUri(opts.script).toString()}"></script>
</body>
</html>`;
}
