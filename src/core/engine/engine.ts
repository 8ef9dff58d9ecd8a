import type { Feature, ProviderId } from '../config';
import type { PrivacyDecision } from '../privacy/workspacePrivacy';
import type { InFlight } from './attemptGate';
import { privacyBlock, stopIfBlocked } from './attemptGate';
import type { RouteDecision, RouteInput } from './router';
import { fallbackAfterFailure, route } from './router';
import { HealthRegistry } from './circuit';
import { isProviderError, ProviderError } from '../llm/errors';
import { withFirstFailure } from './fallback';
import type { ProviderCommon } from '../llm/factory';
import type { EndpointTokenCounter } from '../llm/tokenCounter';
import type * as RequestSteps from './requestSteps';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY, streamWithRetry } from './retry';
import type { EngineChunk, EngineDeps, EngineRequest, RoutedDecision, StreamOptions, UsageEvent } from './engineTypes';
import type { Chunk, ErrorAction, HealthSnapshot, ModelProvider, Usage } from '../llm/types';
import { PROVIDER_IDS, PROVIDERS } from '../providers';

/**
 * What every feature calls to reach a model. One request passes these named steps, in order:
 *   1. route     `decide`      the decision the caller sized its prompt with (`opts.route`), else
 *                              router.ts now; a refusal throws before anything is sent. It is the
 *                              stream's first event, `{ type: 'route' }`.
 *   2. privacy   `guardedStream` (guard.ts): secrets redacted when the request may reach OpenAI,
 *                              the requests attributed in the egress log.
 *   3. watch     `watched`     (attemptGate.ts): a privacy change stops the request in flight.
 *   4. fallback  `withFallback` (router.ts, fallback.ts): a cloud failure before any text moves the
 *                              request to the private endpoint, announced by a second route event.
 *   5. attempt   `attemptOn`   key and provider (`provider`, cached), circuit breaker (circuit.ts),
 *                              retries with back-off (retry.ts).
 *   6. usage     `oneRequest`  exactly one usage event per upstream request, failed ones too.
 * Features never pick a provider, retry or write usage themselves.
 */

const REFUSAL_ACTIONS: Record<string, ErrorAction[]> = {
  privateNoEndpoint: ['openSettings'],
  noEndpoint: ['openSettings', 'switchProvider'],
  budgetSpent: ['openSettings', 'switchProvider'],
  circuitOpen: ['retry', 'showLog'],
  rateLimited: ['retry', 'switchProvider'],
};

export class Engine {
  readonly health: HealthRegistry;
  private readonly cache = new Map<ProviderId, { fingerprint: string; key: string | undefined; provider: ModelProvider }>();
  private readonly policy: RetryPolicy;
  private readonly now: () => number;
  private readonly endpoints: Partial<Record<ProviderId, string>> = {};
  private readonly inFlight = new Set<InFlight>();
  /** Outlives provider rebuilds: which endpoints have /tokenize, and counts already asked. */
  private tokenCounter?: EndpointTokenCounter;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.health = new HealthRegistry({ ...deps.circuit, now: this.now });
    this.policy = { ...DEFAULT_RETRY, ...deps.retry };
  }

  /** The decision for a feature now (status bar, activeProvider, and every request). */
  route(feature: Feature, privacy: PrivacyDecision): RouteDecision {
    return route(this.routeInput(feature, privacy));
  }

  /** A provider's token limits as its server reported them, once a request has read them. */
  serverLimits(id: ProviderId): { maxInputTokens?: number; maxTotalTokens?: number } | undefined {
    return this.cache.get(id)?.provider.knownLimits?.();
  }

  /** Health per provider, for the status bar. */
  healthSnapshot(): Record<ProviderId, HealthSnapshot> {
    return this.health.snapshot();
  }

  onHealthChange(listener: (provider: ProviderId, s: HealthSnapshot) => void): () => void {
    return this.health.onDidChange(listener);
  }

  /**
   * Settings or keys changed: providers are rebuilt on next use, and a provider whose
   * endpoint or key changed starts healthy (the old one's failures say nothing about it).
   */
  invalidate(changedKey?: ProviderId): void {
    this.cache.clear();
    if (changedKey) this.health.reset(changedKey);
    const config = this.deps.config();
    for (const id of PROVIDER_IDS) {
      const url = PROVIDERS[id].baseUrl(config);
      if (this.endpoints[id] !== undefined && this.endpoints[id] !== url) this.health.reset(id);
      this.endpoints[id] = url;
    }
  }

  /**
   * Streams an answer through the steps above. Throws a ProviderError (kind `refused` when
   * the router refused and nothing was sent) with a message and actions for a person.
   */
  async *stream(feature: Feature, request: EngineRequest, opts: StreamOptions): AsyncGenerator<EngineChunk> {
    const decision = this.decide(feature, opts);
    yield { type: 'route', decision };
    const privacy = { config: this.deps.config, tracker: this.deps.tracker, log: this.deps.log };
    const { guardedStream } = await requestSteps();
    yield* guardedStream(feature, request, opts, privacy, (r) => this.watched(decision, feature, r, opts));
  }

  /** Step 1: routed once; the caller's decision when it made one for this request. */
  private decide(feature: Feature, opts: StreamOptions): RoutedDecision {
    if (opts.route) return opts.route;
    const decision = route(this.routeInput(feature, opts.privacy));
    if (decision.ok) return decision;
    throw new ProviderError({ kind: 'refused', provider: decision.provider, message: decision.why, actions: REFUSAL_ACTIONS[decision.reason ?? ''] ?? ['openSettings'], until: decision.retryAt });
  }

  /** Step 3: with `opts.recheck`, the request is listed so that `privacyChanged()` can stop it. */
  private async *watched(decision: RoutedDecision, feature: Feature, request: EngineRequest, opts: StreamOptions): AsyncGenerator<EngineChunk> {
    if (!opts.recheck) {
      yield* this.withFallback(decision, feature, request, opts);
      return;
    }
    // Our own signal, so that a privacy change can stop this request (and any back-off wait).
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    if (opts.signal.aborted) controller.abort(); else opts.signal.addEventListener('abort', onAbort, { once: true });
    const flight: InFlight = { recheck: opts.recheck, controller };
    this.inFlight.add(flight);
    try {
      yield* this.withFallback(decision, feature, request, { ...opts, signal: controller.signal }, flight);
    } catch (e) {
      throw flight.stoppedBy ?? e;
    } finally {
      this.inFlight.delete(flight);
      opts.signal.removeEventListener('abort', onAbort);
    }
    if (flight.stoppedBy) throw flight.stoppedBy;
  }

  /**
   * Privacy settings changed: every request in flight whose file became excluded, or that
   * goes to the cloud from a file that became private, is stopped at once (its back-off wait
   * too) and fails with the reason. The others go on.
   */
  privacyChanged(): void {
    for (const flight of this.inFlight) {
      const blocked = stopIfBlocked(flight);
      if (blocked) this.deps.log?.('warn', `${blocked.message} (a request in flight was stopped)`);
    }
  }

  /** Step 4: a failure before any text is retried once on the private endpoint when the router allows it. */
  private async *withFallback(decision: RoutedDecision, feature: Feature, request: EngineRequest, opts: StreamOptions, flight?: InFlight): AsyncGenerator<EngineChunk> {
    let sawText = false;
    try {
      for await (const c of this.attemptOn(decision, feature, request, opts, flight)) {
        if (c.type === 'text') sawText = true;
        yield c;
      }
    } catch (e) {
      if (!isProviderError(e) || sawText || opts.signal.aborted) throw e;
      const now = opts.recheck?.();
      const blocked = now ? privacyBlock(decision.provider, now) : undefined; // privacy changed meanwhile: say so, not the cloud's error
      if (blocked) throw blocked;
      const fb = fallbackAfterFailure(this.routeInput(feature, now?.privacy ?? opts.privacy), decision, e);
      if (!fb || !fb.ok) throw e;
      this.deps.log?.('warn', `${e.message} Falling back to the private endpoint.`);
      yield { type: 'route', decision: fb };
      yield* withFirstFailure(this.attemptOn(fb, feature, request, opts, flight), e);
    }
  }

  private routeInput(feature: Feature, privacy: PrivacyDecision): RouteInput {
    return { feature, privacy, config: this.deps.config(), health: this.health.snapshot(), budgetSpent: this.deps.budgetSpent?.() ?? false, now: this.now() };
  }

  /** Step 5a: the provider for the current settings and key, rebuilt only when they changed. */
  private async provider(id: ProviderId): Promise<ModelProvider> {
    const config = this.deps.config();
    const key = await this.deps.getKey(id);
    const fingerprint = PROVIDERS[id].fingerprint(config);
    const hit = this.cache.get(id);
    if (hit && hit.fingerprint === fingerprint && hit.key === key) return hit.provider;
    const baseUrl = PROVIDERS[id].baseUrl(config);
    const { PROVIDER_FACTORIES, EndpointTokenCounter } = await requestSteps();
    this.tokenCounter ??= new EndpointTokenCounter();
    const common: ProviderCommon = {
      fetch: this.deps.fetchFor?.(id, baseUrl),
      timeouts: this.deps.timeouts,
      now: this.now,
      onEgress: (ev) => this.deps.onEgress?.(ev),
      log: (m) => this.deps.log?.('info', m),
      tokenCounter: this.tokenCounter,
    };
    const provider = PROVIDER_FACTORIES[id](config, key, common);
    this.cache.set(id, { fingerprint, key, provider });
    return provider;
  }

  /** Step 5: key and provider, then the circuit breaker and retries around single requests. */
  private async *attemptOn(decision: RoutedDecision, feature: Feature, request: EngineRequest, opts: StreamOptions, flight?: InFlight): AsyncGenerator<EngineChunk> {
    if (flight) flight.provider = decision.provider;
    const provider = await this.provider(decision.provider);
    const breaker = this.health.breaker(decision.provider);
    const one = (): AsyncIterable<Chunk> => this.oneRequest(provider, decision, feature, request, opts.signal, opts.usageId);
    const attempt = (): AsyncIterable<Chunk> => {
      // Decided again before every try: a wait for a retry is long enough for privacy to change.
      const blocked = opts.recheck ? privacyBlock(decision.provider, opts.recheck()) : undefined;
      if (blocked) throw blocked;
      if (!breaker.tryAcquire()) {
        const s = breaker.snapshot();
        throw new ProviderError({
          kind: 'unavailable', provider: decision.provider, actions: ['retry', 'showLog'], until: s.openUntil,
          // Waiting in a retry would only meet the open circuit again: let fallback decide.
          retryAfterMs: Math.max(this.policy.maxDelayMs + 1, (s.openUntil ?? 0) - this.now()),
          message: `${PROVIDERS[decision.provider].label} failed repeatedly; Tandem waits before trying again.${s.lastError ? ` Last error: ${s.lastError.message}` : ''}`,
        });
      }
      return one();
    };
    for await (const c of streamWithRetry(feature, attempt, this.policy, opts.signal)) {
      if (c.type === 'text') yield c;
      else {
        yield {
          type: 'done', provider: decision.provider, model: c.model || decision.model, usage: c.usage, finishReason: c.finishReason, why: decision.why,
          latencyMs: c.latencyMs, firstTokenMs: c.firstTokenMs, ...(decision.fallbackFrom ? { fallbackFrom: decision.fallbackFrom } : {}),
        };
      }
    }
  }

  /**
   * Step 6: one upstream request: exactly one usage event, and the circuit told how it went.
   * A consumer that stops reading once it has what it needs (an inline answer's first line)
   * ends the stream without a done chunk or an error: the request was still made and answered,
   * so it is recorded too, under its id, with tokens estimated from what was sent and read.
   */
  private async *oneRequest(provider: ModelProvider, decision: RoutedDecision, feature: Feature, request: EngineRequest, signal: AbortSignal, usageId?: string): AsyncGenerator<Chunk> {
    const breaker = this.health.breaker(decision.provider);
    // Loaded by now (the provider came from it): awaited here so that `finally` below stays synchronous.
    const { estimateTokens } = await requestSteps();
    const stream = request.kind === 'chat'
      ? provider.streamChat({ feature, model: decision.model, messages: request.messages, maxTokens: request.maxTokens, temperature: request.temperature, stop: request.stop }, signal)
      : provider.streamFim({ feature, model: decision.model, prefix: request.prefix, suffix: request.suffix, maxTokens: request.maxTokens, filePath: request.filePath, languageId: request.languageId, snippets: request.snippets }, signal);
    const base = { provider: decision.provider, feature, ...(decision.fallbackFrom ? { fallbackFrom: decision.fallbackFrom } : {}) };
    let reported = false;
    let failed = false;
    let read = '';
    const started = this.now();
    try {
      for await (const c of stream) {
        if (c.type === 'text') read += c.text;
        if (c.type === 'done') {
          reported = true;
          breaker.recordSuccess();
          this.emitUsage({ ...base, model: c.model || decision.model, usage: c.usage, latencyMs: c.latencyMs ?? 0, firstTokenMs: c.firstTokenMs, outcome: 'ok', ...(usageId ? { id: usageId } : {}) });
        }
        yield c;
      }
    } catch (e) {
      failed = true;
      if (!isProviderError(e)) throw e;
      if (!reported) {
        breaker.recordFailure(e);
        if (e.requestSent !== false && e.usage) {
          this.emitUsage({ ...base, model: decision.model, usage: e.usage, latencyMs: e.latencyMs ?? 0, firstTokenMs: e.firstTokenMs, outcome: e.kind === 'cancelled' ? 'cancelled' : 'error', errorKind: e.kind });
        }
      }
      throw e;
    } finally {
      if (!reported && !failed && read) {
        breaker.recordSuccess();
        this.emitUsage({ ...base, model: decision.model, usage: stoppedUsage(request, read, estimateTokens), latencyMs: this.now() - started, outcome: 'ok', ...(usageId ? { id: usageId } : {}) });
      }
    }
  }

  private emitUsage(e: Omit<UsageEvent, 'time' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'estimated' | 'computeMs'> & { usage: Usage }): void {
    const { usage, ...rest } = e;
    this.deps.onUsage({
      time: new Date(this.now()).toISOString(),
      ...rest,
      inputTokens: usage.inputTokens,
      cachedInputTokens: usage.cachedInputTokens,
      outputTokens: usage.outputTokens,
      estimated: usage.estimated,
      ...(usage.computeMs !== undefined ? { computeMs: usage.computeMs } : {}),
    });
  }
}

let steps: Promise<typeof RequestSteps> | undefined;
/** Loaded on the first request, once: see requestSteps.ts. */
function requestSteps(): Promise<typeof RequestSteps> {
  return (steps ??= import('./requestSteps'));
}

/** Tokens of a request whose reader stopped early: the server's count never arrived, so estimated. */
function stoppedUsage(request: EngineRequest, read: string, estimateTokens: (text: string) => number): Usage {
  const sent = request.kind === 'chat'
    ? request.messages.map((m) => m.content).join('\n')
    : [request.prefix, request.suffix, ...(request.snippets ?? []).map((s) => s.text)].join('\n');
  return { inputTokens: estimateTokens(sent), cachedInputTokens: 0, outputTokens: estimateTokens(read), estimated: true };
}
