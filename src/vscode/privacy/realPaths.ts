import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Real paths (symlinks resolved, `.`/`..` normalised, case folded where the file system
 * ignores case), cached per path: privacy is asked on every keystroke, the file system once
 * per document. The cache is dropped when a document closes or the workspace changes.
 */
export class RealPaths {
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly foldCase: boolean = process.platform === 'win32' || process.platform === 'darwin') {}

  /** The real path of `p`, or undefined when neither it nor its folder exists. */
  of(p: string): string | undefined {
    if (this.cache.has(p)) return this.cache.get(p);
    const real = resolveReal(path.resolve(p));
    const out = real === undefined ? undefined : this.canonical(real);
    this.cache.set(p, out);
    return out;
  }

  /** The path as opened, normalised the same way (so both are compared alike). */
  canonical(p: string): string {
    const n = path.resolve(p);
    return this.foldCase ? n.toLowerCase() : n;
  }

  forget(p?: string): void {
    if (p === undefined) this.cache.clear();
    else this.cache.delete(p);
  }
}

function resolveReal(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    // A file not saved yet (or deleted): its folder may still be a link.
    try {
      return path.join(fs.realpathSync.native(path.dirname(p)), path.basename(p));
    } catch {
      return undefined;
    }
  }
}
