/**
 * A small matcher for VS Code glob patterns (`**`, `*`, `?`, `{a,b}`, `[abc]`, `[!a]`),
 * over '/'-separated paths. Kept in the core so privacy decisions need no editor.
 *
 * Where VS Code's semantics leave room, this matcher errs towards matching more, because
 * every caller uses it to keep things private (an extra match only adds privacy):
 * - matching ignores case (`.ENV` is the same file as `.env` on macOS and Windows);
 * - `dir/**` also matches `dir` itself, and a pattern ending in `/` means `dir/**`;
 * - a leading `./` is ignored.
 */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  const out = new RegExp(`^${translate(normalizeGlob(glob))}$`, 'i');
  cache.set(glob, out);
  return out;
}

export function globMatches(glob: string, path: string): boolean {
  return globToRegExp(glob).test(normalizePath(path));
}

/** Backslashes to '/', a lower-case Windows drive letter, no trailing '/'. */
export function normalizePath(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/^([A-Za-z]):/, (_m, d: string) => `${d.toLowerCase()}:`);
  return p.length > 1 ? p.replace(/\/+$/, '') || '/' : p;
}

function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/').replace(/^([A-Za-z]):/, (_m, d: string) => `${d.toLowerCase()}:`);
  while (g.startsWith('./')) g = g.slice(2);
  if (g.length > 1 && g.endsWith('/')) g += '**';
  return g;
}

function translate(g: string): string {
  let re = '';
  let i = 0;
  let braceDepth = 0;
  while (i < g.length) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atSegmentStart = i === 0 || g[i - 1] === '/';
        const atSegmentEnd = i + 2 === g.length || g[i + 2] === '/';
        if (atSegmentStart && g[i + 2] === '/') {
          // `**/` matches zero or more whole segments.
          re += '(?:[^/]*/)*';
          i += 3;
          continue;
        }
        if (atSegmentStart && atSegmentEnd && i > 0) {
          // A trailing `/**` matches everything below, and the folder itself.
          re = re.replace(/\/$/, '') + '(?:/.*)?';
          i += 2;
          continue;
        }
        re += '.*';
        i += 2;
        continue;
      }
      re += '[^/]*';
      i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '{') {
      braceDepth++;
      re += '(?:';
      i++;
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      re += ')';
      i++;
    } else if (c === ',' && braceDepth > 0) {
      re += '|';
      i++;
    } else if (c === '[') {
      // A `]` right after `[` (or `[!`) is part of the class, as in POSIX globs.
      const start = g[i + 1] === '!' || g[i + 1] === '^' ? i + 2 : i + 1;
      const end = g.indexOf(']', g[start] === ']' ? start + 1 : start);
      if (end < 0) {
        re += '\\[';
        i++;
        continue;
      }
      const negated = start === i + 2;
      const body = g.slice(start, end).replace(/[\\\]^]/g, '\\$&');
      // A class never matches the separator, like `*` and `?`.
      re += negated ? `(?!/)[^${body}]` : `(?!/)[${body}]`;
      i = end + 1;
    } else {
      re += c.replace(/[.+^$()|\\\]}[]/g, '\\$&');
      i++;
    }
  }
  // Unbalanced `{`: close the groups so the RegExp stays valid (the brace was meant literally).
  return braceDepth > 0 ? literalBraces(g) : re;
}

function literalBraces(g: string): string {
  return translate(g.replace(/[{}]/g, (b) => (b === '{' ? '[{]' : '[}]')));
}

/** Expand a leading `~` to the home folder. */
export function expandHome(pattern: string, home: string): string {
  if (pattern === '~') return home;
  if (pattern.startsWith('~/') || pattern.startsWith('~\\')) return home.replace(/[/\\]+$/, '') + '/' + pattern.slice(2);
  return pattern;
}
