/**
 * Where secrets hide in source text. Each detector finds spans (the secret only, never
 * the surrounding key name or quotes), so a redacted prompt keeps its shape and a model
 * answering with the placeholder puts it back in exactly the right place.
 *
 * Detectors are tuned against look-alikes (lockfile integrity hashes, commit hashes, UUIDs,
 * data-URI images, CSS colours, type annotations, env look-ups): see the corpus tests.
 */

import { contextSpans, namedContextSpans } from './contextRules';
import { hintedLines } from './hintLines';
import { decodesToProse, highEntropy, isPlaceholder, isVersion } from './placeholders';
import type { SecretKind, SecretSpan } from './secretKinds';
import { tokenSpans } from './tokenRules';

export type { SecretKind, SecretSpan } from './secretKinds';
export { highEntropy, isPlaceholder } from './placeholders';

const PEM_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?-----END \1-----/g;
/**
 * A block cut off by the selection or the context window (no END): the BEGIN line and every
 * following base64 or header line, with real or JSON-escaped (`\\n`) line breaks.
 */
const PEM_OPEN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:(?:\r?\n|(?:\\r)?\\n)[ \t]*(?:[A-Za-z0-9+/=]+|(?:Proc-Type|DEK-Info|Comment|Version|Hash): [^\r\n\\]*)(?=[\r\n"'\\]|$))*/g;

/**
 * A block in documentation (`BEGIN PRIVATE KEY ... END`, or a one-line base64 of the
 * alphabet) has no key material to hide; the shortest real key (EC P-256) has 160 characters.
 */
const KEY_MATERIAL = /[A-Za-z0-9+/=]{16}/;
const FULL_KEY_MATERIAL = 48;

/** `;Password=...;` and Azure `AccountKey=`/`SharedAccessKey=` in ADO.NET/Azure connection strings, and SAS `sig=`. */
const KV_PASSWORD = /(?:Password|Pwd|AccountKey|SharedAccessKey|SharedSecret)=([^;"'`\s&]+)/gi;
const SAS_SIG = /[?&;]sig=([A-Za-z0-9%+/=]{20,})/g;
const AUTH_HEADER = /\b(?:Bearer|Basic)\s+([A-Za-z0-9\-._~+/]{20,}=*)(?![A-Za-z0-9\-._~+/=])/g;

/**
 * `name = "value"`, `name: 'value'`, `"name": "value"`, `name := "value"`, `NAME=value`
 * (.env), `name: value` (YAML): group 1 is the name, group 2/3/4 the quoted value, group 5
 * an unquoted value. Never `==`, `!=`, `<=`, `>=`, `=>`.
 */
const ASSIGNMENT =
  /(?<![\w$.-])["']?([A-Za-z_$][\w$.-]*?)["']?\??\s*(?::{1,3}=|\?=|(?<![=!<>])=(?![=>])|:(?!:))[ \t]*(?:[bBrRuU]{0,2}"((?:[^"\\\n]|\\.)*)"|[bBrRuU]{0,2}'((?:[^'\\\n]|\\.)*)'|`([^`$\n]*)`|([^\s'"`,;#)(\][{}]+)[ \t]*(?=$|[\r\n#;,}]))/gm;

/** Typed declarations: `password: str = "..."` (Python, TS), `var password string = "..."` (Go). */
const TYPED_ASSIGNMENT =
  /(?<![\w$.-])(?!(?:var|let|const|val|final|static|public|private|protected|readonly)\b)([A-Za-z_$][\w$]*)(?:\??[ \t]*:[ \t]*|[ \t]+)[A-Za-z_][\w.[\]<>]*(?:[ \t]*[|,][ \t]*[A-Za-z_][\w.[\]<>]*){0,4}[ \t]*(?<![=!<>])=(?![=>])[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`$\n]*)`)/g;

/** Every name `nameStrength` does not call 'none' contains one of these. */
const NAME_HINT = /pass|pw|secret|token|credential|key|conn|auth|salt|hmac|sig|pat|dsn|login|sumo|bundle_/gi;

export function findSecrets(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  const blocks = new Set<number>();
  for (const m of text.matchAll(PEM_BLOCK)) {
    blocks.add(m.index);
    if (m[0].replace(/-----[^-]*-----|\\[rn]|[^A-Za-z0-9+/=]/g, '').length >= FULL_KEY_MATERIAL) add(spans, m.index, m.index + m[0].length, 'private-key');
  }
  for (const m of text.matchAll(PEM_OPEN)) {
    if (KEY_MATERIAL.test(m[0]) && !blocks.has(m.index)) add(spans, m.index, m.index + m[0].trimEnd().length, 'private-key');
  }
  const push = (start: number, end: number, kind: SecretKind): void => add(spans, start, end, kind);
  tokenSpans(text, push);
  contextSpans(text, push);
  for (const m of text.matchAll(KV_PASSWORD)) {
    // Only as a field of a connection string (after `;`, a quote, `?` or `&`, spaces allowed).
    if (!/[;"'`?&]\s*$/.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (!isPlaceholder(m[1])) addGroup(spans, m, m[1], m[0].toLowerCase().includes('key') ? 'azure-key' : 'connection-string-password');
  }
  for (const m of text.matchAll(SAS_SIG)) addGroup(spans, m, m[1], 'azure-key');
  for (const m of text.matchAll(AUTH_HEADER)) {
    if (/\d/.test(m[1]) && highEntropy(m[1], 3.2)) addGroup(spans, m, m[1], 'bearer-token');
  }
  // Name-based rules see only the lines that mention a secret-like name.
  const hinted = hintedLines(text, NAME_HINT);
  const local: SecretSpan[] = [];
  for (const m of hinted.text.matchAll(ASSIGNMENT)) assignment(local, m, hinted.text);
  for (const m of hinted.text.matchAll(TYPED_ASSIGNMENT)) assignment(local, m, hinted.text);
  namedContextSpans(hinted.text, (start, end, kind) => add(local, start, end, kind), nameStrength, { text, toOriginal: hinted.toOriginal });
  for (const s of local) {
    const start = hinted.toOriginal(s.start);
    add(spans, start, start + s.end - s.start, s.kind);
  }
  return resolveOverlaps(spans);
}

function assignment(spans: SecretSpan[], m: RegExpMatchArray, text: string): void {
  const name = m[1];
  const quoted = m[2] ?? m[3] ?? m[4];
  const value = quoted ?? m[5];
  if (value === undefined || m.index === undefined) return;
  const strength = nameStrength(name);
  if (strength === 'none' || value.length < 4 || isPlaceholder(value) || /\s/.test(value) || isVersion(value)) return;
  // A URL's password is the URL rule's; the rest of the URL is not secret.
  if (/^[a-z][\w+.-]*:\/\//i.test(value)) return;
  // `PWD: '/Users/me'` is a working directory, not a password.
  if (/^(?:~|\.{1,2})?\/[\w.-]+(?:\/[\w.-]+)*\/?$/.test(value) && !highEntropy(value, 3.5)) return;
  const start = m.index + m[0].lastIndexOf(value);
  if (quoted === undefined && !configLine(text, m.index, start, value)) return;
  if (quoted !== undefined && looksLikeAName(name, value)) return;
  if (strength === 'weak' && !weakValueIsSecret(value)) return;
  const aws = /aws|secret_?access_?key/i.test(name) && /^[A-Za-z0-9/+]{40}$/.test(value);
  add(spans, start, start + value.length, aws ? 'aws-secret-key' : 'assigned-secret');
}

/**
 * Under a name that only may hold a secret (`key`, `auth`, `signature`): long, random,
 * and neither a dotted identifier (`jetbrains.mps.v8_elimination`) nor base64 of prose.
 */
function weakValueIsSecret(value: string): boolean {
  if (value.length < 20 || !/^[A-Za-z0-9+/=_.-]+$/.test(value) || !highEntropy(value, 3.5)) return false;
  return !/^[A-Za-z][\w-]*(?:\.[\w-]+)+$/.test(value) && !decodesToProse(value);
}

/**
 * An unquoted value counts only on a line of its own in a config file (.env, YAML, INI):
 * `NAME=value`, `name: value`, `name = value`, nothing after but a `#` comment. In code an
 * unquoted value is an expression (`token = getToken()`, `key: config.key,`, `x: 2001,`).
 */
function configLine(text: string, nameAt: number, valueAt: number, value: string): boolean {
  if (/^(?:true|false|null|nil|none|undefined|string|str|number|int|bool|boolean|bytes|any|object|secret|password|token)$/i.test(value)) return false;
  const lineStart = text.lastIndexOf('\n', nameAt - 1) + 1;
  const lineEnd = text.indexOf('\n', valueAt);
  const before = text.slice(lineStart, nameAt);
  const after = text.slice(valueAt + value.length, lineEnd < 0 ? text.length : lineEnd);
  if (!/^[ \t]*(?:-[ \t]+|export[ \t]+)?$/.test(before) || !/^[ \t]*(?:#.*)?\r?$/.test(after)) return false;
  const envStyle = /^[A-Za-z_][\w.-]*=$/.test(text.slice(nameAt, valueAt).replace(/^export[ \t]+/, ''));
  if (envStyle) return true;
  // `name = value` could still be a Python/Ruby/shell line of code: a bare word or a member
  // access is a variable, a value with a digit or a character no identifier has is data.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(value) && !/\d/.test(value)) return false;
  return !/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value);
}

/**
 * Quoted values that name a secret instead of being one: protocol constants such as
 * `ACCESS_TOKEN = "access_token"`, `credentials = "include"`, `"IdToken"`, `"hf-token"`.
 */
function looksLikeAName(name: string, value: string): boolean {
  const words = value.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\-.:/]+/);
  if (words.some((w) => /^(?:password|passwd|secret|secrets|token|tokens|credential|credentials|key|apikey|auth)$/.test(w))) return true;
  const last = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\-.$]+/).filter(Boolean).pop() ?? '';
  // Passwords may be plain words; tokens and secrets are never lower-case words.
  return !/^(?:password|passwd|pwd|pw|pass|passphrase)$/.test(last) && /^[a-z]+(?:[-_][a-z]+)*$|^(?:[A-Z][a-z]+)+$/.test(value);
}

/** Names whose value is a secret whatever it looks like ('strong'), or only when it looks random ('weak'). */
export function nameStrength(name: string): 'strong' | 'weak' | 'none' {
  const words = name
    .replace(/^.*\./, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-$]+/)
    .filter((w) => w !== '');
  const last = words[words.length - 1] ?? '';
  const prev = words[words.length - 2] ?? '';
  // A public key or a publishable token is meant to be seen.
  if (words.some((w) => /^(?:public|pub|publishable)$/.test(w))) return 'none';
  if ((/sonar/i.test(name) && last === 'login') || (/sumo/i.test(name) && /^(?:id|accessid)$/.test(last))) return 'strong';
  if (last === 'secrets') return 'weak';
  if (/^(?:password|passwd|pwd|pw|pass|passphrase|secret|token|credentials?|apikey|secretkey|privatekey|accesskey|connectionstring|connstr)$/.test(last)) return 'strong';
  if (last === 'key' && /^(?:api|secret|access|private|auth|master|signing|encryption|account|app|client|storage|subscription|license|shared|session|webhook)$/.test(prev)) return 'strong';
  if (last === 'id' && prev === 'key' && /^(?:access|private)$/.test(words[words.length - 3] ?? '')) return 'strong';
  if (/^(?:key|auth|salt|hmac|signature|sig|pat|dsn)$/.test(last)) return 'weak';
  return 'none';
}

function add(spans: SecretSpan[], start: number | undefined, end: number, kind: SecretKind): void {
  if (start !== undefined && end > start) spans.push({ start, end, kind });
}

function addGroup(spans: SecretSpan[], m: RegExpMatchArray, group: string, kind: SecretKind): void {
  if (m.index === undefined) return;
  const start = m.index + m[0].lastIndexOf(group);
  add(spans, start, start + group.length, kind);
}

/** Generic kinds (by name or by place) give way to a specific one found on the same span. */
function specificity(kind: SecretKind): number {
  return kind === 'assigned-secret' ? 0 : kind === 'http-credentials' ? 1 : 2;
}

/** Earliest first; of overlapping spans the one starting first (then the longest) wins. */
function resolveOverlaps(spans: SecretSpan[]): SecretSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      // A specific kind found inside a generic assignment names the secret better.
      if (specificity(s.kind) > specificity(last.kind) && s.start === last.start && s.end === last.end) last.kind = s.kind;
      continue;
    }
    out.push({ ...s });
  }
  return out;
}
