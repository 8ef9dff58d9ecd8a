import type { ProviderId } from '../config';
import type { ProviderError } from '../llm/errors';
import type { HealthSnapshot, ProviderErrorKind } from '../llm/types';
import { PROVIDER_IDS } from '../providers';

/**
 * A circuit breaker per provider: after `failureThreshold` consecutive infrastructure
 * failures it opens for `coolDownMs` (requests fail fast or fall back), then lets one
 * probe through (half-open); a success closes it. User errors (auth, bad request, not
 * found) and cancels say nothing about the endpoint's health and are not counted.
 */
export interface CircuitOptions {
  failureThreshold: number;
  coolDownMs: number;
  now: () => number;
}

export const DEFAULT_CIRCUIT: Omit<CircuitOptions, 'now'> = { failureThreshold: 3, coolDownMs: 30_000 };

const COUNTED: readonly ProviderErrorKind[] = ['rateLimited', 'unavailable', 'network', 'timeout'];

type Listener = (s: HealthSnapshot) => void;

/** Why a circuit was closed by hand: a Retry the person pressed, or a connection test that passed. */
export type CloseCause = 'retry' | 'verified';

export class CircuitBreaker {
  private failures = 0;
  private openUntil: number | undefined;
  private probing = false;
  private rateLimitedUntil: number | undefined;
  private lastError: HealthSnapshot['lastError'];
  private readonly listeners = new Set<Listener>();
  private readonly opts: CircuitOptions;

  constructor(opts: Partial<CircuitOptions> = {}) {
    this.opts = { ...DEFAULT_CIRCUIT, now: Date.now, ...opts };
  }

  /** Whether a request may go out now; in half-open state only one probe at a time. */
  tryAcquire(): boolean {
    const now = this.opts.now();
    if (this.openUntil === undefined) return true;
    if (now < this.openUntil) return false;
    if (this.probing) return false;
    this.probing = true;
    this.emit();
    return true;
  }

  recordSuccess(): void {
    this.reset();
  }

  recordFailure(err: ProviderError): void {
    const now = this.opts.now();
    if (!COUNTED.includes(err.kind)) {
      // Not the endpoint's fault; a half-open probe ends without a verdict.
      this.probing = false;
      if (err.kind === 'auth') {
        this.lastError = { kind: err.kind, message: err.message, time: now };
        this.emit();
      }
      return;
    }
    this.failures += 1;
    this.lastError = { kind: err.kind, message: err.message, time: now };
    if (err.kind === 'rateLimited' && err.until !== undefined) this.rateLimitedUntil = err.until;
    if (this.probing || this.failures >= this.opts.failureThreshold) {
      this.openUntil = Math.max(now + this.opts.coolDownMs, this.rateLimitedUntil ?? 0);
      this.probing = false;
    }
    this.emit();
  }

  /** Forget everything (a new endpoint or key: its predecessor's failures say nothing about it). */
  reset(): void {
    const changed = this.failures > 0 || this.openUntil !== undefined || this.lastError !== undefined || this.rateLimitedUntil !== undefined;
    this.failures = 0;
    this.openUntil = undefined;
    this.probing = false;
    this.lastError = undefined;
    this.rateLimitedUntil = undefined;
    if (changed) this.emit();
  }

  /**
   * The person asked for this: a Retry they pressed, or a Test Connection that just reached the
   * endpoint. Waiting out the pause would only refuse someone who fixed the server a moment ago,
   * so the circuit closes at once and the rate-limit hint is dropped (a new 429 sets it again).
   * Returns whether anything was holding requests back, for the log.
   */
  closeNow(): boolean {
    const now = this.opts.now();
    const held = (this.openUntil !== undefined) || (this.rateLimitedUntil !== undefined && this.rateLimitedUntil > now) || this.failures > 0;
    this.reset();
    return held;
  }

  snapshot(): HealthSnapshot {
    const now = this.opts.now();
    const state = this.openUntil === undefined ? 'closed' : now < this.openUntil ? 'open' : 'halfOpen';
    return {
      state,
      consecutiveFailures: this.failures,
      ...(this.openUntil !== undefined && state === 'open' ? { openUntil: this.openUntil } : {}),
      ...(this.rateLimitedUntil !== undefined && this.rateLimitedUntil > now ? { rateLimitedUntil: this.rateLimitedUntil } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** A plain listener (no vscode); returns the unsubscribe function. */
  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }
}

/** One breaker per provider, with one change listener for the status bar. */
export class HealthRegistry {
  private readonly breakers: Record<ProviderId, CircuitBreaker>;
  private readonly listeners = new Set<(provider: ProviderId, s: HealthSnapshot) => void>();
  private readonly closeListeners = new Set<(provider: ProviderId, cause: CloseCause) => void>();

  constructor(opts: Partial<CircuitOptions> = {}) {
    this.breakers = { openai: new CircuitBreaker(opts), huggingface: new CircuitBreaker(opts) };
    for (const id of PROVIDER_IDS) {
      this.breakers[id].onDidChange((s) => {
        for (const l of this.listeners) l(id, s);
      });
    }
  }

  breaker(provider: ProviderId): CircuitBreaker {
    return this.breakers[provider];
  }

  reset(provider: ProviderId): void {
    this.breakers[provider].reset();
  }

  /**
   * Closes a provider's circuit at once because the person asked (`retry`) or a connection test
   * just reached it (`verified`); the listeners hear why, for the log. Returns whether it was holding back.
   */
  closeCircuit(provider: ProviderId, cause: CloseCause): boolean {
    const held = this.breakers[provider].closeNow();
    if (held) for (const l of this.closeListeners) l(provider, cause);
    return held;
  }

  /** Hears every explicit close (see closeCircuit); returns the unsubscribe function. */
  onDidClose(listener: (provider: ProviderId, cause: CloseCause) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  snapshot(): Record<ProviderId, HealthSnapshot> {
    return { openai: this.breakers.openai.snapshot(), huggingface: this.breakers.huggingface.snapshot() };
  }

  onDidChange(listener: (provider: ProviderId, s: HealthSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
