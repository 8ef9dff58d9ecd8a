import type { TandemConfig } from '../config';

/**
 * A small LRU of completions keyed on the context they were computed for. Backspacing
 * to an earlier state, or re-triggering at the same place, then costs no request.
 */
export class LruCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * The cache key: the model and the code right around the cursor. The nearest 2,000
 * characters before and 500 after decide a completion in practice; a key over the whole
 * window would miss every time the window's first line shifts.
 */
export function contextKey(model: string, prefix: string, suffix: string): string {
  return `${model}\u0000${prefix.slice(-2000)}\u0001${suffix.slice(0, 500)}`;
}

/**
 * Everything in the settings that changes what a completion would be, or where it comes
 * from: when this changes, cached and typed-through suggestions are stale (the next
 * completion must ask the server with the new template, model or limit).
 */
export function inlineSettingsKey(config: TandemConfig): string {
  const { provider, openai, huggingface: hf, inline } = config;
  return JSON.stringify([provider, inline.provider, openai.baseUrl, openai.completionModel, hf.endpointUrl, hf.model, hf.fimTemplate, hf.serverKind ?? 'auto', inline.maxTokens, inline.context]);
}
