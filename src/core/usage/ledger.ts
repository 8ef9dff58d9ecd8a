import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { UsageRecord } from '../llm/types';
import type { AcceptPatch } from './parse';
import { parseLedgerLine } from './parse';
import type { BacklogState } from './writeQueue';
import { WriteQueue } from './writeQueue';

/** The file system calls the ledger writes with (injectable, so a full disk can be tested). */
export interface LedgerFs {
  open(file: string, flags: string): Promise<LedgerHandle>;
  mkdir(dir: string, opts: { recursive: true }): Promise<unknown>;
}
export interface LedgerHandle {
  stat(): Promise<{ size: number }>;
  read(buf: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  write(data: string, position: null, encoding: 'utf8'): Promise<unknown>;
  close(): Promise<void>;
}

export interface LedgerOptions {
  fs?: LedgerFs;
  /** Told when lines wait for the disk, and again once they are all written. */
  onBacklog?(state: BacklogState): void;
  maxQueued?: number;
}

/**
 * The usage ledger: append-only JSON-lines files in the extension's global storage, one
 * segment per calendar month (UTC) of writing, so no file grows without bound and clearing or
 * reading stays cheap.
 *
 * Why it loses nothing:
 * - every append is ONE write of a whole line through an O_APPEND descriptor
 *   (`fs.appendFile`), which POSIX makes atomic with respect to other appenders for lines
 *   this small, so two VS Code windows appending at once interleave whole lines;
 * - a crash can leave a torn last line; reading skips any line that is not a valid record,
 *   and every append starts on a fresh line if the file does not end in one, so the next
 *   record is never glued onto the torn one.
 * - a write the disk refuses (full, read-only) keeps its line queued in memory, in order, and
 *   it is written before anything newer on the next append or `flush()` (at deactivation).
 * Reads are incremental: each segment is re-read only from the byte where the last read ended.
 */
export class Ledger {
  private readonly cache = new Map<string, SegmentCache>();
  private dirReady = false;
  private merged: { version: string; records: UsageRecord[]; skippedLines: number } | undefined;
  private readonly out: LedgerFs;
  private readonly queue: WriteQueue;

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
    options: LedgerOptions = {},
  ) {
    this.out = options.fs ?? fs;
    this.queue = new WriteQueue((lines) => this.writeLines(lines), options.onBacklog, options.maxQueued);
  }

  /** Writes the lines still queued after a failed write; rejects while the disk still refuses. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** Lines waiting for the disk, and why. */
  backlog(): BacklogState {
    return this.queue.state();
  }

  async append(record: UsageRecord): Promise<void> {
    await this.appendLine(JSON.stringify(record));
  }

  /** Marks an earlier record (by its id) as an accepted (or rejected) inline completion. */
  async markAccepted(id: string, accepted = true): Promise<void> {
    const patch: AcceptPatch = { patch: id, accepted };
    await this.appendLine(JSON.stringify(patch));
  }

  /** Every valid record, oldest first, with acceptance marks applied. */
  async readAll(): Promise<LedgerContents> {
    const names = await this.segmentNames();
    for (const cached of [...this.cache.keys()]) if (!names.includes(cached)) this.cache.delete(cached);
    const segments: SegmentCache[] = [];
    for (const name of names) segments.push(await this.refresh(name));
    // Nothing new on disk since the last read: the same contents (polling stays cheap).
    const version = names.map((n, i) => `${n}:${segments[i].ino}:${segments[i].offset}`).join('|');
    if (this.merged && this.merged.version === version) return { records: [...this.merged.records], skippedLines: this.merged.skippedLines, version };
    let skippedLines = 0;
    const records: UsageRecord[] = [];
    const patches = new Map<string, boolean>();
    for (const seg of segments) {
      skippedLines += seg.skipped;
      for (const r of seg.records) records.push(r);
      for (const p of seg.patches) patches.set(p.patch, p.accepted);
    }
    if (patches.size) {
      for (let i = 0; i < records.length; i++) {
        const id = records[i].id;
        const accepted = id === undefined ? undefined : patches.get(id);
        if (accepted !== undefined && records[i].accepted !== accepted) records[i] = { ...records[i], accepted };
      }
    }
    if (!isSortedByTime(records)) records.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    this.merged = { version, records, skippedLines };
    return { records: [...records], skippedLines, version };
  }

  /** Deletes every segment (the UI asks for confirmation first). */
  async clear(): Promise<void> {
    for (const name of await this.segmentNames()) await fs.rm(path.join(this.dir, name), { force: true });
    this.cache.clear();
    this.merged = undefined;
  }

  /** Segment file names, oldest first. */
  async segmentNames(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await fs.readdir(this.dir);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return [];
      throw e;
    }
    return entries.filter((n) => SEGMENT_NAME.test(n)).sort();
  }

  private segmentFor(d: Date): string {
    return `usage-${d.toISOString().slice(0, 7)}.jsonl`;
  }

  private appendLine(json: string): Promise<void> {
    return this.queue.add(json);
  }

  /** One open of the current segment; each line one O_APPEND write, so a failure leaves whole lines behind it. */
  private async writeLines(lines: readonly string[]): Promise<{ written: number; error?: unknown }> {
    const file = path.join(this.dir, this.segmentFor(this.now()));
    if (!this.dirReady) {
      await this.out.mkdir(this.dir, { recursive: true });
      this.dirReady = true;
    }
    // 'a' = O_APPEND: the kernel puts each write at the end of the file, whoever else appends.
    let handle: LedgerHandle;
    try {
      handle = await this.out.open(file, 'a+');
    } catch (e) {
      if (!isErrno(e, 'ENOENT')) throw e;
      // The folder was removed (history cleared elsewhere): create it again.
      await this.out.mkdir(this.dir, { recursive: true });
      handle = await this.out.open(file, 'a+');
    }
    let written = 0;
    try {
      // Checked before every batch, not once: another window (or a refused write) may have left half a line.
      const prefix = (await endsWithNewline(handle)) ? '' : '\n';
      for (const line of lines) {
        await handle.write(`${written === 0 ? prefix : ''}${line}\n`, null, 'utf8');
        written++;
      }
      return { written };
    } catch (e) {
      return { written, error: e };
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private async refresh(name: string): Promise<SegmentCache> {
    const file = path.join(this.dir, name);
    let seg = this.cache.get(name);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return emptySegment(-1);
      throw e;
    }
    try {
      const st = await handle.stat();
      if (!seg || seg.ino !== st.ino || st.size < seg.offset) {
        seg = emptySegment(st.ino);
        this.cache.set(name, seg);
      }
      if (st.size > seg.offset) {
        const buf = Buffer.alloc(st.size - seg.offset);
        const { bytesRead } = await handle.read(buf, 0, buf.length, seg.offset);
        const data = seg.pending.length ? Buffer.concat([seg.pending, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
        seg.offset += bytesRead;
        // Only whole lines are parsed; a line still being written stays pending for the next read.
        const lastNl = data.lastIndexOf(0x0a);
        seg.pending = Buffer.from(data.subarray(lastNl + 1));
        if (lastNl >= 0) parseInto(seg, data.toString('utf8', 0, lastNl));
      }
      return seg;
    } finally {
      await handle.close();
    }
  }
}

export interface LedgerContents {
  records: UsageRecord[];
  /** Lines that were torn or corrupt (skipped). A line still being written is not counted. */
  skippedLines: number;
  /** Changes whenever the files changed: equal versions mean equal contents. */
  version: string;
}

interface SegmentCache {
  ino: number;
  offset: number;
  pending: Buffer;
  records: UsageRecord[];
  patches: AcceptPatch[];
  skipped: number;
}

const SEGMENT_NAME = /^usage-\d{4}-\d{2}\.jsonl$/;

function emptySegment(ino: number): SegmentCache {
  return { ino, offset: 0, pending: Buffer.alloc(0), records: [], patches: [], skipped: 0 };
}

function parseInto(seg: SegmentCache, text: string): void {
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    const parsed = parseLedgerLine(line);
    if (!parsed) seg.skipped++;
    else if (parsed.kind === 'record') seg.records.push(parsed.record);
    else seg.patches.push(parsed.patch);
  }
}

async function endsWithNewline(handle: LedgerHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const b = Buffer.alloc(1);
  await handle.read(b, 0, 1, size - 1);
  return b[0] === 0x0a;
}

function isSortedByTime(records: readonly UsageRecord[]): boolean {
  // ISO strings from toISOString() compare correctly as strings (fixed width, UTC).
  for (let i = 1; i < records.length; i++) if (records[i - 1].time > records[i].time) return false;
  return true;
}

function isErrno(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === code;
}
