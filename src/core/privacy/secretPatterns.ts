/**
 * Where secrets hide in source text. Each detector finds spans (the secret only, never
 * the surrounding key name or quotes), so a redacted prompt keeps its shape and a model
 * answering with the placeholder puts it back in exactly the right place.
 *
 * Detectors are tuned against look-alikes (lockfile integrity hashes, commit hashes, UUIDs,
 * data-URI images, CSS colours, type annotations, env look-ups): see the corpus tests.
 */

export type SecretKind =
  | 'private-key'
  | 'aws-access-key-id'
  | 'aws-secret-key'
  | 'gcp-api-key'
  | 'gcp-oauth-secret'
  | 'azure-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'stripe-key'
  | 'openai-key'
  | 'huggingface-token'
  | 'npm-token'
  | 'pypi-token'
  | 'sendgrid-key'
  | 'digitalocean-token'
  | 'jwt'
  | 'bearer-token'
  | 'connection-string-password'
  | 'assigned-secret';

export interface SecretSpan {
  start: number;
  end: number;
  kind: SecretKind;
}

/** Not inside a longer base64/identifier run: keeps token patterns out of hashes and data URIs. */
const B = '(?<![A-Za-z0-9_+/-])';
const E = '(?![A-Za-z0-9_+/=-])';

interface TokenRule {
  kind: SecretKind;
  re: RegExp;
  /** Extra check on the match (e.g. mixed character classes), to drop look-alikes. */
  accept?: (m: string) => boolean;
}

const TOKEN_RULES: TokenRule[] = [
  { kind: 'aws-access-key-id', re: new RegExp(`${B}(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}${E}`, 'g') },
  { kind: 'gcp-api-key', re: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'g') },
  { kind: 'gcp-oauth-secret', re: new RegExp(`${B}GOCSPX-[0-9A-Za-z_-]{28}${E}`, 'g') },
  { kind: 'github-token', re: new RegExp(`${B}(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})${E}`, 'g') },
  { kind: 'gitlab-token', re: new RegExp(`${B}gl(?:pat|dt|ptt|rt|cbt|oas|soat|ft|imt)-[A-Za-z0-9_-]{20,}${E}`, 'g') },
  { kind: 'slack-token', re: new RegExp(`${B}(?:xox[baprse]-[A-Za-z0-9-]{10,}|xapp-\\d-[A-Za-z0-9-]{10,})${E}`, 'g') },
  { kind: 'slack-webhook', re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g },
  { kind: 'stripe-key', re: new RegExp(`${B}(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}${E}|${B}whsec_[A-Za-z0-9]{24,}${E}`, 'g'), accept: (m) => !m.startsWith('pk_') },
  { kind: 'openai-key', re: new RegExp(`${B}sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}${E}`, 'g'), accept: mixedClasses },
  { kind: 'huggingface-token', re: new RegExp(`${B}hf_[A-Za-z0-9]{30,}${E}`, 'g'), accept: mixedClasses },
  { kind: 'npm-token', re: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g') },
  { kind: 'pypi-token', re: new RegExp(`${B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}${E}`, 'g') },
  { kind: 'sendgrid-key', re: new RegExp(`${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`, 'g') },
  { kind: 'digitalocean-token', re: new RegExp(`${B}do[opr]_v1_[a-f0-9]{64}${E}`, 'g') },
  { kind: 'jwt', re: new RegExp(`${B}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}${E}`, 'g') },
];

const PEM_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?-----END \1-----/g;
/**
 * A block cut off by the selection or the context window (no END): the BEGIN line and every
 * following base64 or header line, with real or JSON-escaped (`\\n`) line breaks.
 */
const PEM_OPEN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:(?:\r?\n|\\r?\\n)[ \t]*(?:[A-Za-z0-9+/=]+|(?:Proc-Type|DEK-Info|Comment|Version|Hash): [^\r\n\\]*)(?=[\r\n"'\\]|$))*/g;

/** A block in documentation (`BEGIN PRIVATE KEY ... END`) has no key material to hide. */
const KEY_MATERIAL = /[A-Za-z0-9+/=]{16}/;

/** `scheme://user:password@host` (postgres, mongodb+srv, redis, amqp, mysql, ftp, https...). */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"`]*:([^\s@/'"`]+)@/gi;
/** `;Password=...;` and Azure `AccountKey=`/`SharedAccessKey=` in ADO.NET/Azure connection strings, and SAS `sig=`. */
const KV_PASSWORD = /(?<=[;"'`?&])\s*(?:Password|Pwd|AccountKey|SharedAccessKey|SharedSecret)=([^;"'`\s&]+)/gi;
const SAS_SIG = /[?&;]sig=([A-Za-z0-9%+/=]{20,})/g;
const AUTH_HEADER = /\b(?:Bearer|Basic)\s+([A-Za-z0-9\-._~+/]{20,}=*)(?![A-Za-z0-9\-._~+/=])/g;

/**
 * `name = "value"`, `name: 'value'`, `"name": "value"`, `name := "value"`, `NAME=value`
 * (.env), `name: value` (YAML): group 1 is the name, group 2/3/4 the quoted value, group 5
 * an unquoted value. Never `==`, `!=`, `<=`, `>=`, `=>`.
 */
const ASSIGNMENT =
  /(?<![\w$.-])["']?([A-Za-z_$][\w$.-]*?)["']?\??\s*(?::=|(?<![=!<>])=(?![=>])|:(?!:))[ \t]*(?:[bBrRuU]{0,2}"((?:[^"\\\n]|\\.)*)"|[bBrRuU]{0,2}'((?:[^'\\\n]|\\.)*)'|`([^`$\n]*)`|([^\s'"`,;#)(\][{}]+)[ \t]*(?=$|[\r\n#;,}]))/gm;

/** Typed declarations: `password: str = "..."` (Python, TS), `var password string = "..."` (Go). */
const TYPED_ASSIGNMENT =
  /(?<![\w$.-])(?!(?:var|let|const|val|final|static|public|private|protected|readonly)\b)([A-Za-z_$][\w$]*)(?:\??[ \t]*:[ \t]*|[ \t]+)[A-Za-z_][\w.[\]<>]*(?:[ \t]*[|,][ \t]*[A-Za-z_][\w.[\]<>]*){0,4}[ \t]*(?<![=!<>])=(?![=>])[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`$\n]*)`)/g;

export function findSecrets(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    if (KEY_MATERIAL.test(m[0])) add(spans, m.index, m.index + m[0].length, 'private-key');
  }
  for (const m of text.matchAll(PEM_OPEN)) {
    if (KEY_MATERIAL.test(m[0]) && !spans.some((s) => s.start === m.index)) add(spans, m.index, m.index + m[0].trimEnd().length, 'private-key');
  }
  for (const rule of TOKEN_RULES) {
    for (const m of text.matchAll(rule.re)) {
      if (!rule.accept || rule.accept(m[0])) add(spans, m.index, m.index + m[0].length, rule.kind);
    }
  }
  for (const m of text.matchAll(URL_PASSWORD)) {
    const pw = m[1];
    // `https://abc:xyz@example.com` in documentation: too short to be anyone's password.
    if (pw.length >= 4 && !isPlaceholder(pw)) addGroup(spans, m, pw, 'connection-string-password');
  }
  for (const m of text.matchAll(KV_PASSWORD)) {
    if (!isPlaceholder(m[1])) addGroup(spans, m, m[1], m[0].toLowerCase().includes('key') ? 'azure-key' : 'connection-string-password');
  }
  for (const m of text.matchAll(SAS_SIG)) addGroup(spans, m, m[1], 'azure-key');
  for (const m of text.matchAll(AUTH_HEADER)) {
    if (/\d/.test(m[1]) && highEntropy(m[1], 3.2)) addGroup(spans, m, m[1], 'bearer-token');
  }
  for (const m of text.matchAll(ASSIGNMENT)) assignment(spans, m, text);
  for (const m of text.matchAll(TYPED_ASSIGNMENT)) assignment(spans, m, text);
  return resolveOverlaps(spans);
}

function assignment(spans: SecretSpan[], m: RegExpMatchArray, text: string): void {
  const name = m[1];
  const quoted = m[2] ?? m[3] ?? m[4];
  const value = quoted ?? m[5];
  if (value === undefined || m.index === undefined) return;
  const strength = nameStrength(name);
  if (strength === 'none' || value.length < 4 || isPlaceholder(value) || /\s/.test(value)) return;
  // `PWD: '/Users/me'` is a working directory, not a password.
  if (/^(?:~|\.{1,2})?\/[\w.-]+(?:\/[\w.-]+)*\/?$/.test(value) && !highEntropy(value, 3.5)) return;
  const start = m.index + m[0].lastIndexOf(value);
  if (quoted === undefined && !configLine(text, m.index, start, value)) return;
  if (quoted !== undefined && looksLikeAName(name, value)) return;
  if (strength === 'weak' && !(value.length >= 20 && /^[A-Za-z0-9+/=_.-]+$/.test(value) && highEntropy(value, 3.5))) return;
  const aws = /aws|secret_?access_?key/i.test(name) && /^[A-Za-z0-9/+]{40}$/.test(value);
  add(spans, start, start + value.length, aws ? 'aws-secret-key' : 'assigned-secret');
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
  if (/^(?:password|passwd|pwd|pw|pass|passphrase|secret|secrets|token|credentials?|apikey|secretkey|privatekey|accesskey|connectionstring|connstr)$/.test(last)) return 'strong';
  if (last === 'key' && /^(?:api|secret|access|private|auth|master|signing|encryption|account|app|client|storage|subscription|license|shared|session|webhook)$/.test(prev)) return 'strong';
  if (last === 'id' && prev === 'key' && /^(?:access|private)$/.test(words[words.length - 3] ?? '')) return 'strong';
  if (/^(?:key|auth|salt|hmac|signature|sig|pat|dsn)$/.test(last)) return 'weak';
  return 'none';
}

/** Values that stand for a secret without being one: empty, templated, or example words. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^(?:\$\{.*\}|\$\{\{.*\}\}|\{\{.*\}\}|<[^>]*>|%\(?\w*\)?s|%s|\$[A-Z_][A-Z0-9_]*|\*+|x+|X+|\.+|#+|-+|_+)$/.test(v)) return true;
  if (/^TANDEM_SECRET_\d+$/.test(v) || /^\[[A-Za-z_ -]*\]$/.test(v)) return true;
  // An environment variable's name (`secretKey = "DJANGO_SECRET_KEY"`), not its value.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v) && !/\d{4}/.test(v)) return true;
  return /^(?:changeme|change[_-]?me|change[_-]?this|your[_-]?[\w-]*|my[_-]?(?:password|secret|token|key)|replace[_-]?me|todo|fixme|none|null|nil|undefined|example|sample|dummy|redacted|hidden|secret|password|passwd|pass|token|apikey|api[_-]?key|key|test|string|str)$/i.test(v);
}

/** Shannon entropy per character at least `bits`, at least 16 long, and more than one character class. */
export function highEntropy(value: string, bits: number): boolean {
  if (value.length < 16) return false;
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(value)).length;
  return h >= bits && classes >= 2;
}

function mixedClasses(token: string): boolean {
  const body = token.replace(/^[a-z]+[-_](?:(?:proj|svcacct|admin|ant)-)?/, '');
  return /[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9]/.test(body);
}

function add(spans: SecretSpan[], start: number | undefined, end: number, kind: SecretKind): void {
  if (start !== undefined && end > start) spans.push({ start, end, kind });
}

function addGroup(spans: SecretSpan[], m: RegExpMatchArray, group: string, kind: SecretKind): void {
  if (m.index === undefined) return;
  const start = m.index + m[0].lastIndexOf(group);
  add(spans, start, start + group.length, kind);
}

/** Earliest first; of overlapping spans the one starting first (then the longest) wins. */
function resolveOverlaps(spans: SecretSpan[]): SecretSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      // A specific kind found inside a generic assignment names the secret better.
      if (last.kind === 'assigned-secret' && s.kind !== 'assigned-secret' && s.start === last.start && s.end === last.end) last.kind = s.kind;
      continue;
    }
    out.push({ ...s });
  }
  return out;
}
