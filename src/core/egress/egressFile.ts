import * as fs from 'node:fs';
import * as path from 'node:path';
import { isProviderId } from '../providers';
import type { EgressRecord, EgressSink } from './egressLog';

/**
 * The optional on-disk copy of the egress log: one JSON object per line, appended with
 * O_APPEND (two windows appending at once interleave whole lines). It holds the same
 * fields as the in-memory log, so no code ever reaches the disk. When it grows past
 * `maxBytes` it is moved to `<file>.1` (replacing the previous one) and a new file starts.
 */
export class EgressFileSink implements EgressSink {
  private failed = false;
  /** The folder is made once, not on every request (the sink writes on the request path). */
  private dirReady = false;

  constructor(
    private readonly file: string,
    private readonly maxBytes = 1_000_000,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  append(record: EgressRecord): void {
    try {
      if (!this.dirReady) {
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        this.dirReady = true;
      }
      const size = this.rotateIfLarge();
      // After a crash mid-write the file ends in a torn line: start ours on a fresh line.
      const lead = size > 0 && !endsWithNewline(this.file, size) ? '\n' : '';
      fs.appendFileSync(this.file, lead + JSON.stringify(record) + '\n', { encoding: 'utf8', flag: 'a' });
      this.failed = false;
    } catch (e) {
      // The log is a convenience: a full disk must not break a request. Say so once.
      if (!this.failed) this.onError(`Could not write the egress log ${this.file}: ${e instanceof Error ? e.message : String(e)}`);
      this.failed = true;
      // The folder may have been removed meanwhile: make it again on the next request.
      this.dirReady = false;
    }
  }

  /** The current file's size after rotation (0 when new). */
  private rotateIfLarge(): number {
    let size: number;
    try {
      size = fs.statSync(this.file).size;
    } catch {
      return 0;
    }
    if (size < this.maxBytes) return size;
    fs.renameSync(this.file, `${this.file}.1`);
    return 0;
  }
}

function endsWithNewline(file: string, size: number): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, size - 1);
    return b[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}

/** Records from the file (rotated part first), skipping a torn or foreign line. */
export function readEgressFile(file: string): EgressRecord[] {
  const out: EgressRecord[] = [];
  for (const f of [`${file}.1`, file]) {
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const v: unknown = JSON.parse(line);
        if (isEgressRecord(v)) out.push(v);
      } catch {
        // A line torn by a crash mid-write: skipped, never fatal.
      }
    }
  }
  return out;
}

export function isEgressRecord(v: unknown): v is EgressRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r: Record<string, unknown> = { ...v };
  return typeof r.id === 'number' && typeof r.time === 'string' && typeof r.host === 'string' &&
    isProviderId(r.provider) && typeof r.feature === 'string' &&
    typeof r.bytes === 'number' && typeof r.redactions === 'number' && Array.isArray(r.redactionKinds) &&
    typeof r.outcome === 'string' && (r.file === undefined || typeof r.file === 'string');
}
