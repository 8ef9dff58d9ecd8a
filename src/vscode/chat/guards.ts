import * as vscode from 'vscode';
import type { RouteDecision } from '../../core/engine/router';
import type { Target, TargetArgs } from './target';
import { resolveTarget } from './target';
import type { Services } from '../services';
import { showFailure } from './failure';
import type { Notices } from './notices';
import { userRetry } from './userRetry';

/** Refuses a file matching `tandem.exclude` (nothing is sent); true when refused. */
export function refuseExcluded(services: Services, notices: Notices, feature: 'explain' | 'refactor', uri: vscode.Uri): boolean {
  const match = services.privacy.excluded(uri);
  if (!match) return false;
  const message = `Tandem ${feature}: this file matches "${match.pattern}" in tandem.exclude, so it is never sent to a model. Nothing was sent.`;
  services.log.info(message);
  notices.record(feature, 'warning', message, ['openSettings']);
  void vscode.window.showWarningMessage(message, 'Open Settings').then((a) => {
    if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.exclude');
  });
  return true;
}

/** Refuses when the router found no provider (private workspace without endpoint, ...); true when refused. */
export function refuseUnrouted(services: Services, notices: Notices, feature: 'explain' | 'refactor', routed: RouteDecision, retry: () => void): boolean {
  if (routed.ok) return false;
  services.log.warn(`${feature} refused: ${routed.why}`);
  // Refused for an open circuit or a rate limit: Retry must close it, or it would be refused again.
  showFailure(feature, { message: routed.why, actions: ['openSettings', 'retry'] }, notices, userRetry(services, retry));
  return true;
}

/** A chat feature's target once it may be sent: the code, and the provider the router chose. */
export type RoutedTarget = Target & { routed: Extract<RouteDecision, { ok: true }> };

/**
 * The checks explain and refactor make before building a prompt, in one order: a target
 * (selection, symbol or file), not excluded, routed. `onRefusedTarget` says why there is no
 * target; the other refusals show their own message with a button. Undefined when refused.
 */
export async function routedTarget(
  services: Services, notices: Notices, feature: 'explain' | 'refactor', args: TargetArgs | undefined,
  parts: { retry: () => void; onRefusedTarget(message: string): void },
): Promise<RoutedTarget | undefined> {
  const target = await resolveTarget(args, true);
  if ('refused' in target) {
    parts.onRefusedTarget(target.refused);
    return undefined;
  }
  if (refuseExcluded(services, notices, feature, target.document.uri)) return undefined;
  const routed = services.route(feature, target.document.uri);
  if (refuseUnrouted(services, notices, feature, routed, parts.retry) || !routed.ok) return undefined;
  return { ...target, routed };
}
