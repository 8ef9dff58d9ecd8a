import { PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import type { Services } from '../services';

/**
 * A Retry the person pressed: they are telling Tandem the server is back (often right after
 * fixing it), so the pause after repeated failures must not refuse them. Closes both circuits
 * (a failed fallback involved both) and runs the request again.
 */
export function userRetry(services: Pick<Services, 'engine' | 'log'>, rerun: () => void): () => void {
  return () => {
    for (const p of PROVIDER_IDS) {
      if (services.engine.health.closeCircuit(p, 'retry')) services.log.info(`Retry pressed: ${PROVIDERS[p].labelMid} is tried again now instead of after its pause.`);
    }
    rerun();
  };
}
