import * as vscode from 'vscode';
import type { Feature } from '../../core/config';
import type { EgressTracker } from '../../core/egress/tracker';
import { protectedStream } from '../../core/privacy/protectedStream';
import type { RedactableRequest, TextChunk } from '../../core/privacy/protectedStream';
import type { Services } from '../services';

/**
 * What every feature calls around `engine.stream`, so exclusion, redaction, restore and the
 * egress log are applied in one place:
 *
 *   const refusal = guard.refusal(uri);            // excluded file: show it, send nothing
 *   for await (const c of guard.stream('refactor', uri, request, (r) => engine.stream('refactor', r, opts))) ...
 */
export interface PrivacyGuard {
  /** Why this file must not be sent (it matches `tandem.exclude`), in words naming the setting; else undefined. */
  refusal(uri: vscode.Uri): string | undefined;
  /**
   * Streams with secrets replaced by placeholders when the request may reach OpenAI, and
   * the placeholders in the answer restored chunk by chunk; every request sent is logged
   * in the egress log with this file.
   */
  stream<R extends RedactableRequest, C extends { type: string }>(
    feature: Feature, uri: vscode.Uri | undefined, request: R, send: (request: R) => AsyncIterable<C>,
  ): AsyncGenerator<C | TextChunk>;
}

/** Thrown by `stream` for an excluded file (nothing was sent); the message names the setting. */
export class ExcludedFileError extends Error {
  readonly kind = 'excluded';
}

export function createPrivacyGuard(services: Pick<Services, 'privacy' | 'route' | 'log'>, tracker: EgressTracker): PrivacyGuard {
  const refusal = (uri: vscode.Uri): string | undefined => {
    const match = services.privacy.excluded(uri);
    if (!match) return undefined;
    return `${vscode.workspace.asRelativePath(uri, false)} matches "${match.pattern}" in tandem.exclude, so Tandem never sends it to any model.`;
  };
  return {
    refusal,
    stream(feature, uri, original, send) {
      // Defence in depth: features check refusal() first, but an excluded file never leaves even if one forgets.
      const why = uri && refusal(uri);
      if (why) return refuse(why);
      const request = withoutExcludedSnippets(original, uri, services.privacy);
      // Redact unless the router sends this to the private endpoint (fallback never goes private -> cloud).
      const redact = services.route(feature, uri).provider !== 'huggingface';
      return protectedStream({
        request, redact, feature, tracker,
        ...(uri ? { file: vscode.workspace.asRelativePath(uri, false) } : {}),
        onRedacted: (count, kinds) => services.log.info(`Replaced ${count} secret${count === 1 ? '' : 's'} (${kinds.join(', ')}) with placeholders before sending.`),
      }, send);
    },
  };
}

async function* refuse(message: string): AsyncGenerator<never> {
  throw new ExcludedFileError(message);
}

/** Context snippets from excluded files are dropped (paths are relative to the file's workspace folder). */
function withoutExcludedSnippets<R extends RedactableRequest>(request: R, uri: vscode.Uri | undefined, privacy: Services['privacy']): R {
  if (request.kind !== 'fim' || !request.snippets?.length) return request;
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
  const snippets = request.snippets.filter((s) => {
    const target = /^([A-Za-z]:)?[\\/]/.test(s.path) ? vscode.Uri.file(s.path) : folder ? vscode.Uri.joinPath(folder.uri, s.path) : undefined;
    return target !== undefined && !privacy.excluded(target);
  });
  return snippets.length === request.snippets.length ? request : Object.assign({}, request, { snippets });
}
