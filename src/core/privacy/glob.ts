/**
 * A small matcher for VS Code glob patterns (`**`, `*`, `?`, `{a,b}`, `[abc]`),
 * over '/'-separated paths. Kept in the core so privacy decisions need no editor.
 */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  let i = 0;
  let braceDepth = 0;
  const g = glob.replace(/\\/g, '/');
  while (i < g.length) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` matches zero or more whole segments; a trailing `**` matches everything below.
        const atSegmentStart = i === 0 || g[i - 1] === '/';
        if (g[i + 2] === '/' && atSegmentStart) {
          re += '(?:[^/]*(?:/|$))*';
          i += 3;
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
      const end = g.indexOf(']', i + 1);
      if (end < 0) {
        re += '\\[';
        i++;
        continue;
      }
      let body = g.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body}]`;
      i = end + 1;
    } else {
      re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
      i++;
    }
  }
  const out = new RegExp(`^${re}$`);
  cache.set(glob, out);
  return out;
}

export function globMatches(glob: string, path: string): boolean {
  return globToRegExp(glob).test(path.replace(/\\/g, '/'));
}

/** Expand a leading `~` to the home folder. */
export function expandHome(pattern: string, home: string): string {
  if (pattern === '~') return home;
  if (pattern.startsWith('~/')) return home.replace(/\/+$/, '') + pattern.slice(1);
  return pattern;
}
