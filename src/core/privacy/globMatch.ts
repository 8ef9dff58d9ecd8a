import type picomatchModule from 'picomatch';
import type { Matcher, PicomatchOptions } from 'picomatch';

/**
 * VS Code glob patterns (`**`, `*`, `?`, `{a,b}`, `[abc]`, `[!a]`) over '/'-separated paths,
 * matched by picomatch configured to VS Code's semantics, for `tandem.exclude` and
 * `tandem.privateFolders`:
 * - `*` and `**` match dot files and dot folders (`**` / `*` in VS Code know no hidden files);
 * - no negation (`!x`) and no extglobs (`!(x)`, `@(x)`): VS Code has neither, so `(`, `)`
 *   and `|` are ordinary characters of a file name (`report (final).pdf`);
 * - `[!a]` negates a class, as in VS Code (picomatch reads only `[^a]` so);
 * - case is ignored where the file system ignores it (Windows and macOS by default), so
 *   `.ENV` there is the same file as `.env`;
 * - Windows separators in paths and patterns count as `/`; `dir/**` also matches `dir`
 *   itself, a pattern ending in `/` means `dir/**`, and a leading `./` is ignored.
 */
export interface GlobOptions {
  /** Ignore letter case; by default, on the platforms whose default file system does. */
  nocase?: boolean;
}

/** Whether `platform`'s default file system ignores letter case (NTFS, APFS). */
export function caseInsensitiveFileSystem(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

const cache = new Map<string, Matcher[]>();

export function globMatches(glob: string, path: string, options: GlobOptions = {}): boolean {
  const nocase = options.nocase ?? caseInsensitiveFileSystem();
  const key = `${nocase ? 'i' : 's'}:${glob}`;
  let matchers = cache.get(key);
  if (!matchers) {
    const settings: PicomatchOptions = { dot: true, nonegate: true, noextglob: true, nobrace: true, nocase };
    matchers = expandBraces(normalizeGlob(glob)).map((g) => picomatch()(toPicomatch(g), settings));
    cache.set(key, matchers);
  }
  const p = normalizePath(path);
  return matchers.some((m) => m(p));
}

function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/').replace(/^([A-Za-z]):/, (_m, d: string) => `${d.toLowerCase()}:`);
  while (g.startsWith('./')) g = g.slice(2);
  if (g.length > 1 && g.endsWith('/')) g += '**';
  return g;
}

/** One alternative in picomatch's terms: VS Code's literal characters escaped, `[!` as `[^`. */
function toPicomatch(g: string): string {
  const out = g.replace(/[()|]/g, '\\$&').replace(/\[!/g, '[^');
  return out.length > 1 && out.endsWith('/') ? out + '**' : out;
}

const MAX_ALTERNATIVES = 1024;

// `{a,b}` groups become separate patterns, expanded before picomatch sees them: inside a
// picomatch group a leading `**/` (as in VS Code's own example `{**/*.html,**/*.txt}`) does
// not match zero folders, and `{dir/**,x}` does not match `dir` itself. Braces without a
// partner stay literal characters.
export function expandBraces(glob: string): string[] {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] !== '{') continue;
    let depth = 0;
    let end = -1;
    const cuts: number[] = [];
    for (let j = i; j < glob.length && end < 0; j++) {
      if (glob[j] === '{') depth++;
      else if (glob[j] === '}' && --depth === 0) end = j;
      else if (glob[j] === ',' && depth === 1) cuts.push(j);
    }
    if (end < 0) continue;
    const bounds = [i, ...cuts, end];
    const head = glob.slice(0, i);
    const tail = glob.slice(end + 1);
    const out: string[] = [];
    for (let k = 0; k + 1 < bounds.length && out.length < MAX_ALTERNATIVES; k++) {
      out.push(...expandBraces(head + glob.slice(bounds[k] + 1, bounds[k + 1]) + tail));
    }
    return out.slice(0, MAX_ALTERNATIVES);
  }
  return [glob];
}

/** Backslashes to '/', a lower-case Windows drive letter, no trailing '/'. */
export function normalizePath(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/^([A-Za-z]):/, (_m, d: string) => `${d.toLowerCase()}:`);
  return p.length > 1 ? p.replace(/\/+$/, '') || '/' : p;
}

/** Expand a leading `~` to the home folder. */
export function expandHome(pattern: string, home: string): string {
  if (pattern === '~') return home;
  if (pattern.startsWith('~/') || pattern.startsWith('~\\')) return home.replace(/[/\\]+$/, '') + '/' + pattern.slice(2);
  return pattern;
}

type Picomatch = typeof picomatchModule;
let loaded: Picomatch | undefined;

/**
 * picomatch, loaded on the first match rather than at activation: the bundle keeps a
 * required module unevaluated until this runs, so a window that never checks a path
 * never pays for it.
 */
function picomatch(): Picomatch {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('picomatch');
  if (!loaded) throw new Error('picomatch did not load');
  return loaded;
}
