// Loads the third-party secret corpora from `<repo>/../shared/realworld-secrets/corpus/` at run
// time. They are never copied into the repository: absent folder, skipped benchmark.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export interface CorpusSecret {
  value: string;
  kind: string;
  guessed?: boolean;
  placeholder?: boolean;
}

export interface CorpusCase {
  corpus: string;
  id: string;
  kind: string;
  text: string;
  secrets: CorpusSecret[];
}

export interface AmbiguousLine {
  corpus: string;
  id: string;
  line: string;
  unless?: string;
}

export interface NegativeFile {
  name: string;
  text: string;
}

export interface SecretCorpus {
  dir: string;
  cases: CorpusCase[];
  ambiguous: AmbiguousLine[];
  negativeFiles: NegativeFile[];
  /** Manifest entries whose file could not be read (named in the report). */
  missingFiles: string[];
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CORPUS_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'realworld-secrets', 'corpus');

export function loadCorpus(dir = CORPUS_DIR): SecretCorpus | undefined {
  if (!existsSync(dir)) return undefined;
  const cases: CorpusCase[] = [];
  let ambiguous: AmbiguousLine[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const data: unknown = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    if (!isObject(data)) continue;
    if (f === 'ambiguous.json' && Array.isArray(data.lines)) {
      ambiguous = data.lines.filter(isObject).map((l) => ({ corpus: str(l.corpus), id: str(l.id), line: str(l.line), ...(typeof l.unless === 'string' ? { unless: l.unless } : {}) }));
      continue;
    }
    if (!Array.isArray(data.cases)) continue;
    const fileCorpus = str(data.corpus);
    for (const c of data.cases.filter(isObject)) {
      const secrets = Array.isArray(c.secrets) ? c.secrets.filter(isObject).map((s) => ({ value: str(s.value), kind: str(s.kind), guessed: s.guessed === true, placeholder: s.placeholder === true })) : [];
      cases.push({ corpus: typeof c.corpus === 'string' ? c.corpus : fileCorpus, id: str(c.id), kind: str(c.kind), text: str(c.text), secrets });
    }
  }
  const negativeFiles: NegativeFile[] = [];
  const missingFiles: string[] = [];
  const manifestPath = path.join(dir, 'negative-files', 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const files = isObject(manifest) && Array.isArray(manifest.files) ? manifest.files.filter(isObject) : [];
    for (const entry of files) {
      const file = typeof entry.file === 'string' ? path.join(dir, 'negative-files', entry.file) : typeof entry.node_modules === 'string' ? path.join(REPO_ROOT, 'node_modules', entry.node_modules) : undefined;
      const name = typeof entry.file === 'string' ? entry.file : str(entry.node_modules);
      if (file && existsSync(file)) negativeFiles.push({ name, text: readFileSync(file, 'utf8') });
      else missingFiles.push(name);
    }
  }
  return { dir, cases, ambiguous, negativeFiles, missingFiles };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
