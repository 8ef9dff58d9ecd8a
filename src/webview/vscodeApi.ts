/**
 * The handle VS Code gives a webview page, typed by what the page may post. VS Code allows
 * one `acquireVsCodeApi()` per page, so each page's main module calls `vsCodeApi()` once.
 */
export interface VsCodeApi<Out> {
  postMessage(message: Out): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown>;

export function vsCodeApi<Out>(): VsCodeApi<Out> {
  // A handle that posts anything posts what this page's protocol allows.
  return acquireVsCodeApi();
}
