/**
 * The ledger's lines that the disk refused (full, read-only, no permission): kept in memory,
 * in order, and written before anything newer, on the next append or an explicit flush (at
 * deactivation). Bounded, so a disk that never recovers cannot grow memory without end;
 * past the bound the oldest lines go, and the state says how many.
 */
export interface BacklogState {
  /** Lines waiting for the disk (0 once everything is written). */
  queued: number;
  /** Lines given up on because the queue was full. */
  dropped: number;
  /** Why the last write failed, in a few words ("disk full"); undefined once writes succeed again. */
  reason?: string;
}

/** Writes lines in order; may fail after writing some of them (it returns how many it wrote). */
export type LineWriter = (lines: readonly string[]) => Promise<{ written: number; error?: unknown }>;

export const DEFAULT_MAX_QUEUED = 5000;

export class WriteQueue {
  private readonly queue: { line: string }[] = [];
  private dropped = 0;
  private reason: string | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: LineWriter,
    private readonly onState: (s: BacklogState) => void = () => undefined,
    private readonly maxQueued = DEFAULT_MAX_QUEUED,
  ) {}

  /** Queues a line and writes everything queued, oldest first. Rejects (the line stays queued) when the disk refuses. */
  add(line: string): Promise<void> {
    this.queue.push({ line });
    if (this.queue.length > this.maxQueued) {
      this.queue.shift();
      this.dropped++;
    }
    return this.flush();
  }

  /** Writes whatever is queued; resolves at once when nothing is. */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.writeQueued());
    this.chain = run.catch(() => undefined);
    return run;
  }

  state(): BacklogState {
    return { queued: this.queue.length, dropped: this.dropped, ...(this.reason ? { reason: this.reason } : {}) };
  }

  private async writeQueued(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = [...this.queue];
    let result: { written: number; error?: unknown };
    try {
      result = await this.write(batch.map((b) => b.line));
    } catch (e) {
      result = { written: 0, error: e };
    }
    // Remove exactly what reached the disk (a line dropped meanwhile is not in the queue any more).
    const done = new Set(batch.slice(0, result.written));
    for (let i = this.queue.length - 1; i >= 0; i--) if (done.has(this.queue[i])) this.queue.splice(i, 1);
    const wasFailing = this.reason !== undefined;
    if (result.error !== undefined) {
      this.reason = failureWords(result.error);
      this.onState(this.state());
      throw result.error;
    }
    this.reason = undefined;
    if (wasFailing || done.size < batch.length) this.onState(this.state());
  }
}

/** A write failure in the words the status bar shows after "usage not saved: ". */
export function failureWords(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  const words: Record<string, string> = {
    ENOSPC: 'disk full', EDQUOT: 'disk quota exceeded', EROFS: 'read-only file system',
    EACCES: 'no permission to write', EPERM: 'no permission to write', EIO: 'disk error',
  };
  if (code) return words[code] ?? code;
  return e instanceof Error && e.message ? e.message.slice(0, 80) : 'write failed';
}
