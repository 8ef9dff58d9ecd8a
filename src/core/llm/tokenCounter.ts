import type { FetchLike } from '../net/fetchLike';

/**
 * Exact prompt token counts from TGI's `POST /tokenize` (body `{inputs}`, answer: one
 * `{id, text, start, stop}` per token), for fitting prompts to the limits its `/info`
 * states. One counter lives as long as the window's engine, across provider rebuilds:
 * - counts are cached by endpoint and text (a retry, a fallback hop or the same
 *   explanation asked again costs no second round trip);
 * - an endpoint that answers that it has no such route (vLLM, llama.cpp, Ollama, or a TGI
 *   without a tokenizer) is remembered and never asked again;
 * - a failure that says nothing about the route (network, 5xx while scaling) falls back
 *   to the estimate for this request only.
 */
export class EndpointTokenCounter {
  private readonly unsupported = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxCached = 64) {}

  /** Whether `/tokenize` is known to be missing at this endpoint (no request is made then). */
  knownUnsupported(endpoint: string): boolean {
    return this.unsupported.has(endpoint);
  }

  /** The exact count, or undefined when the endpoint cannot tell (use the estimate). */
  async count(endpoint: string, text: string, fetch: FetchLike, headers: Record<string, string>, signal: AbortSignal): Promise<number | undefined> {
    if (this.unsupported.has(endpoint)) return undefined;
    const key = `${endpoint}\n${text}`;
    const hit = this.counts.get(key);
    if (hit !== undefined) return hit;
    let res: Response;
    try {
      res = await fetch(`${endpoint}/tokenize`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ inputs: text }), signal });
    } catch (e) {
      if (signal.aborted) throw e;
      return undefined;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      // 404/405/501: no such route here. 422 or 5xx say nothing about it: ask again next time.
      if (res.status === 404 || res.status === 405 || res.status === 501) this.unsupported.add(endpoint);
      return undefined;
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (!Array.isArray(body)) {
      // A 200 that is not a token list: some other server's catch-all route.
      this.unsupported.add(endpoint);
      return undefined;
    }
    this.remember(key, body.length);
    return body.length;
  }

  private remember(key: string, n: number): void {
    this.counts.delete(key);
    this.counts.set(key, n);
    // Oldest first in a Map: drop from the front.
    while (this.counts.size > this.maxCached) {
      const oldest = this.counts.keys().next().value;
      if (oldest === undefined) break;
      this.counts.delete(oldest);
    }
  }
}
