import type { ServerKind, ServerKindSetting } from '../config';
import { isRecord, isString } from '../config';

/**
 * Which server a private endpoint is, told apart by routes that cost no tokens: TGI and
 * Inference Endpoints describe themselves at `GET /info`; vLLM and llama.cpp name
 * themselves in `owned_by` of `GET /v1/models`; Ollama answers `GET /` with "Ollama is
 * running" (and lists models at `/api/tags`); llama.cpp serves `GET /props`. The kinds
 * differ in how they want a completion asked for (the dialect).
 */

/** How a completion is asked for. */
export type CompletionDialect =
  /** `/v1/completions` with the raw FIM prompt built from the model's template (TGI, Inference Endpoints, vLLM). */
  | 'fimPrompt'
  /** `/v1/completions` with `prompt` = the code before and `suffix` = the code after; the server applies the template (Ollama). */
  | 'promptSuffix'
  /** llama.cpp's `/infill` with `input_prefix`, `input_suffix`, `input_extra`, reusing its KV cache. */
  | 'infill';

export interface KindFinding {
  /** undefined: an OpenAI-compatible server we could not place; it is spoken to like vLLM. */
  kind: ServerKind | undefined;
  /** How it was decided, for the log and the connection test ("GET /info", "tandem.huggingface.serverKind"). */
  via: string;
}

export interface GetAnswer {
  status: number;
  body: unknown;
  /** The raw text (Ollama's `GET /` is plain text). */
  text: string;
}

/** A GET of a path under the endpoint; undefined when it could not be reached. */
export type Getter = (path: string) => Promise<GetAnswer | undefined>;

export const KIND_LABELS: Readonly<Record<ServerKind, string>> = {
  tgi: 'TGI / Inference Endpoint',
  vllm: 'vLLM',
  llamacpp: 'llama.cpp server',
  ollama: 'Ollama',
};

const DIALECTS: Readonly<Record<ServerKind, CompletionDialect>> = { tgi: 'fimPrompt', vllm: 'fimPrompt', llamacpp: 'infill', ollama: 'promptSuffix' };

export function dialectOf(kind: ServerKind | undefined): CompletionDialect {
  return kind ? DIALECTS[kind] : 'fimPrompt';
}

export function describeDialect(dialect: CompletionDialect): string {
  switch (dialect) {
    case 'fimPrompt': return 'POST /v1/completions with the FIM template';
    case 'promptSuffix': return 'POST /v1/completions with prompt + suffix (the server applies the model\'s FIM format)';
    case 'infill': return 'POST /infill (input_prefix / input_suffix / input_extra, cache_prompt)';
  }
}

/** True when `GET /info` came from TGI (it names the model; other servers answer 404). */
export function isTgiInfo(a: GetAnswer | undefined): boolean {
  return a !== undefined && a.status === 200 && isRecord(a.body) && isString(a.body.model_id);
}

/**
 * The kind, from the setting or by asking the endpoint (at most five GETs, stopping at the
 * first that tells). `info` is a `GET /info` answer the caller already has.
 */
export async function findServerKind(setting: ServerKindSetting, get: Getter, info?: GetAnswer): Promise<KindFinding> {
  if (setting !== 'auto') return { kind: setting, via: 'tandem.huggingface.serverKind' };
  if (isTgiInfo(info ?? (await get('/info')))) return { kind: 'tgi', via: 'GET /info' };
  const models = await get('/v1/models');
  const owner = models?.status === 200 ? ownerOf(models.body) : undefined;
  if (owner === 'vllm') return { kind: 'vllm', via: 'GET /v1/models (owned_by "vllm")' };
  if (owner === 'llamacpp') return { kind: 'llamacpp', via: 'GET /v1/models (owned_by "llamacpp")' };
  const root = await get('/');
  if (root && root.status === 200 && root.text.includes('Ollama is running')) return { kind: 'ollama', via: 'GET / ("Ollama is running")' };
  const props = await get('/props');
  if (props?.status === 200 && isRecord(props.body) && ('default_generation_settings' in props.body || 'total_slots' in props.body)) return { kind: 'llamacpp', via: 'GET /props' };
  const tags = await get('/api/tags');
  if (tags?.status === 200 && isRecord(tags.body) && Array.isArray(tags.body.models)) return { kind: 'ollama', via: 'GET /api/tags' };
  return { kind: undefined, via: 'no route told the kind' };
}

function ownerOf(body: unknown): string | undefined {
  if (!isRecord(body) || !Array.isArray(body.data)) return undefined;
  const first: unknown = body.data[0];
  return isRecord(first) && isString(first.owned_by) ? first.owned_by : undefined;
}
