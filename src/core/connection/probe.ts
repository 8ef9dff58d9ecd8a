import type { ProviderId, ServerKind, ServerKindSetting } from '../config';
import type { CompletionDialect, GetAnswer } from '../llm/serverKind';
import { describeDialect, dialectOf, findServerKind, KIND_LABELS } from '../llm/serverKind';
import type { ErrorAction } from '../llm/types';
import { scrubUrlCredentials } from '../net/urlCredentials';
import { PROVIDERS } from '../providers';

/**
 * `tandem.testConnection` as pure logic over an injected `fetch`: reachability,
 * auth and the served model of each endpoint, using only routes that cost no tokens
 * (OpenAI `GET /models`; TGI `GET /info` and `/health`; vLLM, llama.cpp
 * and Ollama `GET /v1/models`).
 */
export interface ConnectionResult {
  provider: ProviderId;
  ok: boolean;
  model?: string;
  latencyMs?: number;
  detail: string;
  /** What a person can do next (buttons in the notification); not part of the contract's fields. */
  actions: ErrorAction[];
  /** Private endpoint: the server kind found (or set), `unknown` for an OpenAI-compatible server we could not place. */
  serverKind?: ServerKind | 'unknown';
  /** Private endpoint: how completions will be asked for. */
  dialect?: CompletionDialect;
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; signal: AbortSignal }) => Promise<{
  status: number;
  json(): Promise<unknown>;
  /** Read instead of json() when present (Ollama's `GET /` answers plain text). */
  text?(): Promise<string>;
}>;

export interface ProbeOptions {
  fetch: FetchLike;
  /** Per request. */
  timeoutMs?: number;
  now?: () => number;
}

export async function probeOpenAI(
  cfg: { baseUrl: string; chatModel: string; completionModel: string },
  key: string | undefined,
  opts: ProbeOptions,
): Promise<ConnectionResult> {
  const fail = (detail: string, actions: ErrorAction[], latencyMs?: number): ConnectionResult =>
    ({ provider: 'openai', ok: false, detail: scrubUrlCredentials(detail), actions, ...(latencyMs !== undefined ? { latencyMs } : {}) });
  const official = PROVIDERS.openai.keyRequired(cfg.baseUrl);
  if (!key && official) return fail('No OpenAI API key: run "Tandem: Set OpenAI API Key" or set OPENAI_API_KEY.', ['setOpenAIKey']);
  const host = hostOf(cfg.baseUrl);
  const res = await get(`${cfg.baseUrl}/models`, key, opts);
  if ('error' in res) return fail(`Cannot reach ${host}: ${res.error}. Check tandem.openai.baseUrl and your network or proxy.`, ['openSettings', 'retry']);
  const { status, latencyMs } = res;
  if (status === 401) return fail(`${host} rejected the API key (401 Unauthorized): set a valid key.`, ['setOpenAIKey'], latencyMs);
  if (status === 403) return fail(`${host} refused the key (403 Forbidden): the key's project may lack access to models, or your region is not supported.`, ['setOpenAIKey'], latencyMs);
  if (status === 404) return fail(`${host} has no /models route: is tandem.openai.baseUrl the API root including /v1?`, ['openSettings'], latencyMs);
  if (status === 429) return fail(`${host} is rate-limiting this key (429): try again shortly.`, ['retry'], latencyMs);
  if (status >= 500) return fail(`${host} answered ${status}: the service is having trouble; try again later.`, ['retry'], latencyMs);
  if (status !== 200) return fail(`${host} answered ${status} to GET /models.`, ['showLog'], latencyMs);
  const ids = modelIds(res.body);
  const missing = [cfg.chatModel, cfg.completionModel].filter((m, i, all) => all.indexOf(m) === i && !ids.includes(m));
  if (missing.length) {
    return {
      provider: 'openai', ok: false, latencyMs, actions: ['openSettings'],
      detail: `Key accepted, but ${missing.map((m) => `"${m}"`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not among the ${ids.length} models this key can use: check tandem.openai.chatModel / tandem.openai.completionModel.`,
    };
  }
  return { provider: 'openai', ok: true, model: cfg.chatModel, latencyMs, actions: [], detail: `Key accepted by ${host} in ${latencyMs} ms; ${cfg.chatModel} (explain, refactor) and ${cfg.completionModel} (completions) are available.` };
}

export async function probeHuggingFace(
  cfg: { endpointUrl: string; model: string; serverKind?: ServerKindSetting },
  token: string | undefined,
  fimTemplateNote: string,
  opts: ProbeOptions,
): Promise<ConnectionResult> {
  const fail = (detail: string, actions: ErrorAction[], latencyMs?: number): ConnectionResult =>
    ({ provider: 'huggingface', ok: false, detail: scrubUrlCredentials(detail), actions, ...(latencyMs !== undefined ? { latencyMs } : {}) });
  if (!cfg.endpointUrl) return fail('No private endpoint is set: set tandem.huggingface.endpointUrl in your user settings.', ['openSettings']);
  const host = hostOf(cfg.endpointUrl);

  // TGI (and dedicated Inference Endpoints running it) describe themselves at /info.
  const info = await get(`${cfg.endpointUrl}/info`, token, opts);
  if ('error' in info) return fail(`Cannot reach ${host}: ${info.error}. Is the server running, and is tandem.huggingface.endpointUrl right?`, ['openSettings', 'retry']);
  const early = statusProblem(info.status, host, info.latencyMs);
  if (early) return early;

  let served: string | undefined;
  let kind = 'TGI';
  let limits = '';
  let strictModel = false;
  let models: GetResult | undefined;
  if (info.status === 200 && isObject(info.body) && typeof info.body.model_id === 'string') {
    served = info.body.model_id;
    const maxIn = info.body.max_input_tokens ?? info.body.max_input_length;
    const maxTotal = info.body.max_total_tokens;
    if (typeof maxIn === 'number' && typeof maxTotal === 'number') limits = ` (max ${maxIn} input / ${maxTotal} total tokens)`;
  } else {
    // vLLM, llama.cpp server and Ollama list what they serve at /v1/models.
    models = await get(`${cfg.endpointUrl}/v1/models`, token, opts);
    if ('error' in models) return fail(`Cannot reach ${host}: ${models.error}.`, ['retry']);
    const problem = statusProblem(models.status, host, info.latencyMs);
    if (problem) return problem;
    const ids = models.status === 200 ? modelIds(models.body) : [];
    if (!ids.length) return fail(`${host} answers, but neither GET /info (TGI) nor GET /v1/models (vLLM, llama.cpp, Ollama) says what it serves: is this the endpoint's root URL?`, ['openSettings'], info.latencyMs);
    kind = 'OpenAI-compatible server';
    strictModel = true;
    served = cfg.model && ids.includes(cfg.model) ? cfg.model : ids[0];
    if (cfg.model && !ids.includes(cfg.model)) {
      return { ...fail(`${host} serves ${ids.map((m) => `"${m}"`).join(', ')}, not "${cfg.model}": set tandem.huggingface.model to one of them.`, ['openSettings'], info.latencyMs), model: served };
    }
  }

  const health = await get(`${cfg.endpointUrl}/health`, token, opts);
  if (!('error' in health) && health.status === 503) {
    return { ...fail(`${host} is up but not ready (503 on /health): the model is still loading or scaling from zero; try again in a minute.`, ['retry'], info.latencyMs), ...(served ? { model: served } : {}) };
  }

  // The same detection the provider runs before its first completion, over the answers already read.
  const seen = new Map<string, GetResult>([['/info', info], ...(models ? [['/v1/models', models] as const] : [])]);
  const found = await findServerKind(cfg.serverKind ?? 'auto', async (path): Promise<GetAnswer | undefined> => {
    const r = seen.get(path) ?? (await get(`${cfg.endpointUrl}${path}`, token, opts));
    seen.set(path, r);
    return 'error' in r ? undefined : { status: r.status, body: r.body, text: r.text };
  });
  const dialect = dialectOf(found.kind);

  const notes: string[] = [];
  if (!cfg.model) notes.push(`tandem.huggingface.model is empty: set it to "${served}" so the right FIM template is used`);
  else if (served && served !== cfg.model && !strictModel) notes.push(`the endpoint serves "${served}" while tandem.huggingface.model says "${cfg.model}"`);
  notes.push(`server kind: ${found.kind ? KIND_LABELS[found.kind] : 'OpenAI-compatible, not recognised (spoken to like vLLM; set tandem.huggingface.serverKind if it is another)'} (${found.via})`);
  notes.push(`completions: ${describeDialect(dialect)}`);
  notes.push(dialect === 'fimPrompt' ? `completions use ${fimTemplateNote}` : 'the server applies the model\'s own FIM format');
  return {
    provider: 'huggingface', ok: true, latencyMs: info.latencyMs, actions: [],
    serverKind: found.kind ?? 'unknown', dialect,
    ...(served ? { model: served } : {}),
    detail: `${kind} at ${host} serves "${served}"${limits}, answered in ${info.latencyMs} ms; ${notes.join('; ')}.`,
  };

  function statusProblem(status: number, h: string, latencyMs: number): ConnectionResult | undefined {
    if (status === 401 || status === 403) return fail(`${h} rejected the Hugging Face token (${status}): set a token with access to this endpoint.`, ['setHuggingFaceToken'], latencyMs);
    if (status === 503) return fail(`${h} answered 503: the endpoint is scaled to zero or still loading the model; try again in a minute.`, ['retry'], latencyMs);
    if (status >= 500) return fail(`${h} answered ${status}: the server is failing; check its logs.`, ['retry'], latencyMs);
    return undefined;
  }
}

type GetResult = { status: number; body: unknown; text: string; latencyMs: number } | { error: string };

async function get(url: string, key: string | undefined, opts: ProbeOptions): Promise<GetResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? 10_000);
  try {
    const res = await opts.fetch(url, { method: 'GET', headers: key ? { Authorization: `Bearer ${key}` } : {}, signal: ctrl.signal });
    let text = '';
    let body: unknown;
    if (res.text) {
      text = await res.text().catch(() => '');
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    } else body = await res.json().catch(() => undefined);
    return { status: res.status, body, text, latencyMs: Math.max(0, Math.round(now() - started)) };
  } catch (e) {
    const limit = opts.timeoutMs ?? 10_000;
    return { error: ctrl.signal.aborted ? `no answer within ${limit >= 1000 ? `${Math.round(limit / 1000)} s` : `${limit} ms`}` : networkWords(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** Node's fetch hides the reason in `cause.code`; show that, never a stack. */
function networkWords(e: unknown): string {
  const cause = isObject(e) && isObject(e.cause) ? e.cause : undefined;
  const code = cause && typeof cause.code === 'string' ? cause.code : undefined;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', ETIMEDOUT: 'connection timed out',
    ECONNRESET: 'connection reset', EHOSTUNREACH: 'host unreachable', CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed', UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  };
  if (code) return words[code] ?? code;
  return e instanceof Error && e.message ? e.message.slice(0, 120) : 'network error';
}

function modelIds(body: unknown): string[] {
  if (!isObject(body)) return [];
  const list = Array.isArray(body.data) ? body.data : Array.isArray(body.models) ? body.models : [];
  return list.flatMap((m: unknown) => (isObject(m) && typeof m.id === 'string' ? [m.id] : isObject(m) && typeof m.name === 'string' ? [m.name] : []));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return scrubUrlCredentials(url);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
