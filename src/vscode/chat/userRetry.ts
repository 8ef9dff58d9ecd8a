import type { ProviderId } from '../../core/config';
import type { Services } from '../services';

const PROVIDERS: readonly ProviderId[] = ['openai', 'huggingface'];
const NAME: Record<ProviderId, string> = { openai: 'OpenAI', huggingface: 'the private endpoint' };

/**
 * A Retry the person pressed: they are telling Tandem the server is back (often right after
 * fixing it), so the pause after repeated failures must not refuse them. Closes both circuits
 * (a failed fallback involved both) and runs the request again.
 */
export function userRetry(services: Pick<Services, 'engine' | 'log'>, rerun: () => void): () => void {
  return () => {
    for (const p of PROVIDERS) {
      if (services.engine.health.closeCircuit(p, 'retry')) services.log.info(`Retry pressed: ${NAME[p]} is tried again now instead of after its pause.`);
    }
    rerun();
  };
}
