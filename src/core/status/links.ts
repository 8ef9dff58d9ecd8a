import type { ProviderId } from '../config';
import { PROVIDERS } from '../providers';
import type { ProblemKind } from './problem';

/** A command link in the status bar's tooltip. */
export interface StatusLink {
  title: string;
  command: string;
}

/**
 * The only commands the tooltip's Markdown may run: Tandem's own, none with arguments
 * (a tooltip cannot be tricked into running anything else).
 */
export const TRUSTED_COMMANDS: readonly string[] = [
  'tandem.menu', 'tandem.switchProvider', 'tandem.testConnection', 'tandem.setOpenAIKey', 'tandem.setHuggingFaceToken',
  'tandem.setPrivateEndpoint', 'tandem.showUsage', 'tandem.showLog',
];

const TEST: StatusLink = { title: 'Test Connection', command: 'tandem.testConnection' };
const ENDPOINT: StatusLink = { title: 'Set Private Endpoint…', command: 'tandem.setPrivateEndpoint' };

/** The fix for a problem, as links (none for a problem whose source gave only words). */
export function linksFor(provider: ProviderId, kind: ProblemKind | undefined): StatusLink[] {
  switch (kind) {
    case 'noKey':
    case 'keyRejected':
      return [{ title: PROVIDERS[provider].keyCommandTitle, command: PROVIDERS[provider].keyCommand }];
    case 'unreachable':
    case 'unavailable':
    case 'paused':
      // Your own server's address is the usual suspect; the cloud's is not set by hand.
      return PROVIDERS[provider].cloud ? [TEST] : [TEST, ENDPOINT];
    case 'noEndpoint':
      return [ENDPOINT];
    case 'budget':
      return [{ title: 'Show Usage and Cost', command: 'tandem.showUsage' }];
    default:
      return [];
  }
}

/** Every tooltip ends with the menu and the common actions. */
export function footerLinks(enforced: boolean): StatusLink[] {
  return [
    { title: '$(list-selection) Tandem Menu', command: 'tandem.menu' },
    ...(enforced ? [] : [{ title: 'Switch Provider', command: 'tandem.switchProvider' }]),
    TEST,
    { title: 'Show Log', command: 'tandem.showLog' },
  ];
}
