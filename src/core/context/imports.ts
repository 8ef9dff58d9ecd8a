/**
 * Files the current file imports, for when no language server answers: the relative
 * module specifiers of TypeScript/JavaScript, Python, Go-style and Rust `mod` imports,
 * resolved to candidate workspace-relative paths (the adapter keeps the ones that exist).
 */

const JS = /(?:import\s[^'"]*?from\s*|import\s*\(?\s*|require\s*\(\s*|export\s[^'"]*?from\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const PY_FROM = /^\s*from\s+(\.*[\w.]*)\s+import\s/gm;
const PY_IMPORT = /^\s*import\s+([\w.]+)/gm;
const RUST_MOD = /^\s*(?:pub\s+)?mod\s+(\w+)\s*;/gm;

const JS_EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js'];

/** Candidate paths (relative to the workspace folder, `/`-separated), nearest imports first. */
export function importedPaths(text: string, fromPath: string, languageId: string): string[] {
  const dir = dirname(fromPath);
  const out: string[] = [];
  const add = (p: string | undefined) => {
    if (p !== undefined && !out.includes(p) && p !== fromPath) out.push(p);
  };
  if (/^(typescript|javascript)(react)?$/.test(languageId)) {
    for (const m of text.matchAll(JS)) {
      const base = join(dir, m[1]);
      // `./x.js` in TypeScript sources names `./x.ts`.
      const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
      for (const ext of JS_EXTENSIONS) add(stem + ext);
      add(base);
    }
  } else if (languageId === 'python') {
    for (const m of text.matchAll(PY_FROM)) for (const p of pythonPaths(m[1], dir)) add(p);
    for (const m of text.matchAll(PY_IMPORT)) for (const p of pythonPaths(m[1], dir)) add(p);
  } else if (languageId === 'rust') {
    for (const m of text.matchAll(RUST_MOD)) {
      add(join(dir, `${m[1]}.rs`));
      add(join(dir, `${m[1]}/mod.rs`));
    }
  }
  return out;
}

function pythonPaths(spec: string, dir: string): string[] {
  const dots = /^\.*/.exec(spec)?.[0].length ?? 0;
  const rest = spec.slice(dots).replace(/\./g, '/');
  if (!rest) return [];
  let base = dots > 0 ? dir : '';
  for (let i = 1; i < dots; i++) base = dirname(base);
  const stem = base ? `${base}/${rest}` : rest;
  // Absolute imports may also be relative to the file's own folder (scripts, flat layouts).
  const local = dots === 0 && dir ? [`${dir}/${rest}.py`] : [];
  return [`${stem}.py`, `${stem}/__init__.py`, ...local];
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Joins and normalises `.` and `..` (never above the workspace folder). */
function join(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
