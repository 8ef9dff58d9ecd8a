import type { Uri } from 'vscode';
import type { Feature, ProviderId } from '../core/config';
import type { PanelAction, ToPanel } from '../core/prompts/panelProtocol';
import type { HealthSnapshot } from '../core/llm/types';
import type { EgressFilter, ToEgressWebview } from '../core/egress/egressProtocol';
import type { Notice } from './chat/notices';
import type { UsageRecord } from '../core/llm/types';
import type { ToUsageWebview } from '../core/usage/usageProtocol';
import type { Services } from './services';

/** The extension's exported API (docs/REFERENCE.md, "API": scripts and other extensions rely on it). */
export interface TandemApi {
  readonly apiVersion: 1;
  activeProvider(feature?: Feature): ProviderId;
  usage(): Promise<UsageRecord[]>;
}

export interface UsageSource {
  all(): Promise<UsageRecord[]>;
}

export function createApi(services: Services, usage: UsageSource | undefined): TandemApi {
  return {
    apiVersion: 1,
    // No argument: the chat provider (explain and refactor share it).
    activeProvider: (feature?: Feature) => services.route(feature ?? 'explain').provider,
    usage: async () => (usage ? usage.all() : []),
  };
}

/**
 * Extra read-only views for the integration tests, exported only when the
 * extension runs in test mode (never in a user's installation).
 */
export interface TestHooks {
  status(): { text: string; tooltip: string };
  /** Folders the extension writes to: the tests check that no key reaches them. */
  storagePaths(): string[];
  /** The open usage panel: whether its script sent `ready`, and the messages it was sent. */
  usageView?(): { ready: boolean; range: string; messages: ToUsageWebview[] } | undefined;
  /** What explain and refactor told the person, newest last. */
  notices(): readonly Notice[];
  /** What the explanation panel was sent for the current explanation. */
  explainPanel(): ToPanel[];
  /** The panel's Stop button. */
  stopExplain(): void;
  /** The HTML the explanation panel's page shows (asked of the page itself). */
  explainRendered?(): Promise<string | undefined>;
  /** The refactor progress notification's Cancel. */
  cancelRefactor(): void;
  /** Forget provider failures (open circuits, rate limits) between tests. */
  resetHealth(): void;
  /** Presses a button of the explanation panel's error view; false when none is shown. */
  pressExplainAction(action: PanelAction): boolean;
  /** Each provider's circuit and rate-limit state. */
  health(): Record<ProviderId, HealthSnapshot>;
  /** What the fallback notices said, oldest first. */
  fallbackNotices(): readonly string[];
  /** The open egress view: whether its page said `ready`, its filter, and the last records it was sent. */
  egressView(): { ready: boolean; filter: EgressFilter; last?: ToEgressWebview } | undefined;
  /** The refactor review's status item, and its CodeLens titles on a document. */
  refactorReview(uri?: Uri): { status: { visible: boolean; text: string }; lenses: string[] };
  /** Refine the newest pending refactor proposal with this follow-up (as the input box does); false when none waits. */
  refineRefactor(followUp: string): boolean;
}
