import type { ProviderId } from '../config';

/**
 * What left the machine, one record per upstream request: where to (host only), for which
 * feature and file, how many bytes, whether redaction fired, and how it ended. It never
 * holds code, prompts, answers, URL paths, query strings or keys.
 */
export interface EgressRecord {
  /** Increasing within a window's session. */
  id: number;
  /** ISO 8601, when the request was sent. */
  time: string;
  /** `api.openai.com` or `tgi.internal:8080`: never the path, query or credentials. */
  host: string;
  provider: ProviderId;
  feature: string;
  /** Workspace-relative path of the file the request was about (a bare name outside the workspace). */
  file?: string;
  /** Request body size in bytes (UTF-8). */
  bytes: number;
  /** Other files whose snippets the request carried as context (paths only, never content). */
  contextFiles?: string[];
  /** How many secrets were replaced by placeholders, and of which kinds (never values). */
  redactions: number;
  redactionKinds: string[];
  /** `sent` until the answer ended (and for requests nobody reported an end for). */
  outcome: EgressOutcome;
}

export type EgressOutcome = 'sent' | 'ok' | 'error' | 'cancelled';

export interface EgressInput {
  time?: number;
  /** A URL or a host; only the host is kept. */
  host: string;
  provider: ProviderId;
  feature: string;
  file?: string;
  bytes: number;
  contextFiles?: readonly string[];
  redactions?: number;
  redactionKinds?: readonly string[];
  outcome?: EgressOutcome;
}

/** Where final records go besides memory (an append-only JSON-lines file). */
export interface EgressSink {
  append(record: EgressRecord): void;
}

export interface EgressLogOptions {
  /** Records kept in memory (oldest dropped first). */
  capacity?: number;
  sink?: EgressSink;
  now?: () => number;
}

export class EgressLog {
  private readonly records: EgressRecord[] = [];
  private readonly listeners = new Set<(r: EgressRecord) => void>();
  private readonly capacity: number;
  private readonly now: () => number;
  private nextId = 1;

  constructor(private readonly options: EgressLogOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 1000);
    this.now = options.now ?? Date.now;
  }

  /** Record a request as it is sent; a record with a final outcome goes to the sink at once. */
  record(input: EgressInput): EgressRecord {
    const r: EgressRecord = {
      id: this.nextId++,
      time: new Date(input.time ?? this.now()).toISOString(),
      host: hostOnly(input.host),
      provider: input.provider,
      feature: input.feature,
      ...(input.file ? { file: safeFile(input.file) } : {}),
      bytes: Math.max(0, Math.round(input.bytes)),
      ...(input.contextFiles?.length ? { contextFiles: input.contextFiles.map(safeFile) } : {}),
      redactions: input.redactions ?? 0,
      redactionKinds: [...(input.redactionKinds ?? [])],
      outcome: input.outcome ?? 'sent',
    };
    this.records.push(r);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
    if (r.outcome !== 'sent') this.options.sink?.append({ ...r });
    this.emit(r);
    return r;
  }

  /** Set how a request ended (once); the final record goes to the sink. */
  finish(record: EgressRecord, outcome: Exclude<EgressOutcome, 'sent'>): void {
    if (record.outcome !== 'sent') return;
    record.outcome = outcome;
    this.options.sink?.append({ ...record });
    this.emit(record);
  }

  /** Oldest first (copies). */
  list(): EgressRecord[] {
    return this.records.map((r) => ({ ...r, redactionKinds: [...r.redactionKinds], ...(r.contextFiles ? { contextFiles: [...r.contextFiles] } : {}) }));
  }

  onDidChange(listener: (r: EgressRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(r: EgressRecord): void {
    for (const l of this.listeners) l({ ...r });
  }
}

/** `https://user:pw@api.openai.com/v1/chat?key=x` -> `api.openai.com`. */
export function hostOnly(urlOrHost: string): string {
  const s = urlOrHost.trim();
  try {
    return new URL(s.includes('://') ? s : `http://${s}`).host || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A workspace-relative path stays; an absolute one (a file outside the workspace) keeps only its name. */
export function safeFile(file: string): string {
  const f = file.replace(/\\/g, '/');
  if (f.startsWith('/') || /^[A-Za-z]:\//.test(f) || f.startsWith('~')) return f.slice(f.lastIndexOf('/') + 1);
  return f;
}
