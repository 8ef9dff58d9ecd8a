/**
 * Secrets known by where they stand rather than by their shape: the password of a
 * `curl -u`, an `Authorization:` header, a token in a URL's user part, an `.npmrc`
 * `_authToken=`, `define('DB_PASSWORD', '…')`, `os.environ["X"] = "…"`, an XML
 * `<password>`, `.netrc`, the private fields of a JWK, a PuTTY key, key material whose
 * BEGIN line is out of sight, and a quoted value still being typed.
 */
import type { SecretKind } from './secretKinds';
import { highEntropy, isPlaceholder } from './placeholders';

export type AddSpan = (start: number, end: number, kind: SecretKind) => void;
export type NameStrength = (name: string) => 'strong' | 'weak' | 'none';

const SCHEME_URL = /:\/\/([^\s:/@'"`]*)(?::([^\s@/'"`]*))?@/gi;
const CURL_USER = /(?<![\w-])(?:-u|--user)[ \t]+(\S+)/g;
const HEADER = /(?<![\w-])["'`]?((?:Proxy-)?Authorization|X-[\w-]*?(?:Api-?Key|Token|Auth|Secret)[\w-]*|Api-?Key|Api-Token|Token|Private-Token)["'`]?[ \t]*:[ \t]*["'`]?[ \t]*(?:(Basic|Bearer|Token|Api-Token|Digest|Key|Bot|OAuth|SSWS|Splunk|token)[ \t]+)?([^\s"'`,;\\]+)/gi;
const NPMRC = /(?:^|\s)(?:\/\/[^\s/:]+(?:\/[^\s:]*)?\/:)?_(?:authToken|auth|password)[ \t]*=[ \t]*["']?([^\s"']+)/gm;
/** `define('DB_PASSWORD', '…')`, `getenv("API_TOKEN", "…")`, `props.setProperty("password", "…")`: setters and look-ups with a default. */
const CALL_ARGS = /\b(?:define|getenv|GetEnvOrDefault|getEnvOrDefault|get|getOrDefault|setdefault|setenv|Setenv|putenv|setProperty|setItem|put|set|option)\(\s*["']([\w.-]+)["']\s*,\s*["']([^"'\n]+)["']/g;
const SETTER = /\b(?:set|with|use)([A-Z]\w*|_\w+)\(\s*["']([^"'\n]+)["']\s*[,)]/g;
const CLIENT_CTOR = /\bnew\s+[\w.]*(?:Client|Api|API|Sdk|SDK|Auth)\w*\(\s*["']([A-Za-z0-9_+=-]{16,})["']/g;
const SUBSCRIPT = /\[\s*["']([\w.-]+)["']\s*\]\s*=\s*["']([^"'\n]+)["']|["']([\w.-]+)["']\s*=>\s*["']([^"'\n]+)["']/g;
const XML_ELEMENT = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w-]*)(?:\s[^>]*)?>([^<\s]{4,})<\/\1?\2>/g;
const XML_KEY_VALUE = /\bkey\s*=\s*"([\w.-]+)"\s+value\s*=\s*"([^"\n]+)"/g;
const NETRC = /\bmachine\s+\S+(?:\s+login\s+\S+)?\s+password\s+(\S+)/g;
const JWK_PRIVATE = /"(d|p|q|dp|dq|qi|k)"\s*:\s*"([A-Za-z0-9_-]{20,})"/g;
const PPK_PRIVATE = /^Private-Lines:[ \t]*\d+\r?\n((?:[A-Za-z0-9+/=]+\r?\n?)+)/gm;
const PPK_MAC = /^Private-MAC:[ \t]*([0-9a-f]{20,})/gm;
const BUNDLER = /\bBUNDLE_[A-Z0-9_]+__[A-Z0-9]+["']?[ \t]*[=:][ \t]*["']?([^\s"']+)/g;
const OPEN_QUOTED = /(?<![\w$.-])["']?([A-Za-z_$][\w$.-]*?)["']?[ \t]*(?::=|(?<![=!<>])=(?![=>])|:)[ \t]*[bBrRuU]{0,2}(["'`])([^"'`\s\\]{4,})[ \t]*$/gm;
const KEY_END = /-----END ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
const BASE64_LINE = /^[ \t]*[A-Za-z0-9+/]{40,80}={0,2}[ \t]*$/;

export function contextSpans(text: string, add: AddSpan): void {
  urlCredentials(text, add);
  // Cheap guards first: most windows have no curl command, .npmrc or .netrc in them.
  if (text.includes('curl')) for (const m of text.matchAll(CURL_USER)) {
    if (!isCurl(text, m.index)) continue;
    const arg = m[1];
    const inner = arg.replace(/^["']+|["']+$/g, '');
    if (isPlaceholder(inner) || !curlCredentials(inner.replace(/["'{}]/g, ''))) continue;
    const at = m.index + m[0].length - arg.length + arg.indexOf(inner);
    add(at, at + inner.length, 'http-credentials');
  }
  if (text.includes('_auth') || text.includes('_password')) for (const m of text.matchAll(NPMRC)) if (!isPlaceholder(m[1])) group(m, m[1], add, 'npm-token');
  if (text.includes('machine')) for (const m of text.matchAll(NETRC)) if (!isPlaceholder(m[1])) group(m, m[1], add, 'assigned-secret');
  if (text.includes('"kty"')) for (const m of text.matchAll(JWK_PRIVATE)) group(m, m[2], add, 'jwk-private-key');
  if (text.includes('PuTTY-User-Key-File') || text.includes('Private-Lines:')) {
    for (const m of text.matchAll(PPK_PRIVATE)) group(m, m[1].trimEnd(), add, 'putty-private-key');
    for (const m of text.matchAll(PPK_MAC)) group(m, m[1], add, 'putty-private-key');
  }
  for (const m of text.matchAll(CLIENT_CTOR)) if (/\d/.test(m[1]) && /[A-Za-z]/.test(m[1]) && !isPlaceholder(m[1])) group(m, m[1], add, 'assigned-secret');
  headlessKeyMaterial(text, add);
}

/** The rules that need a secret-like name on the same line (run on those lines only). */
export function namedContextSpans(text: string, add: AddSpan, strength: NameStrength, original: { text: string; toOriginal(i: number): number }): void {
  for (const m of text.matchAll(HEADER)) {
    const value = m[3];
    if (value.length < 6 || isPlaceholder(value) || /^[$%{<`]/.test(value) || /^(?:Basic|Bearer|Token)$/i.test(value)) continue;
    // Generic names (`Token:`, `apikey:`) are headers only in a curl command; a host name is no credential.
    if (!/^(?:(?:Proxy-)?Authorization|X-|Private-Token)/i.test(m[1]) && !isCurl(original.text, original.toOriginal(m.index))) continue;
    if (/^[a-z][\w-]*(?:\.[\w-]+)+$/.test(value) || (!/\d/.test(value) && !m[2])) continue;
    const at = m.index + m[0].length - value.length;
    add(at, at + value.length, 'http-credentials');
  }
  for (const m of text.matchAll(CALL_ARGS)) if (strength(m[1]) === 'strong') quotedValue(m, m[2], add, false);
  for (const m of text.matchAll(SETTER)) if (strength(m[1]) === 'strong') quotedValue(m, m[2], add, false);
  for (const m of text.matchAll(SUBSCRIPT)) {
    const name = m[1] ?? m[3];
    const value = m[2] ?? m[4];
    const s = strength(name);
    if (s === 'strong' || (s === 'weak' && highEntropy(value, 3.5))) quotedValue(m, value, add, false);
  }
  for (const m of text.matchAll(XML_ELEMENT)) if (strength(m[2]) === 'strong') quotedValue(m, m[3], add, true);
  for (const m of text.matchAll(XML_KEY_VALUE)) if (strength(m[1]) === 'strong') quotedValue(m, m[2], add, true);
  for (const m of text.matchAll(BUNDLER)) if (!isPlaceholder(m[1])) group(m, m[1], add, 'assigned-secret');
  for (const m of text.matchAll(OPEN_QUOTED)) {
    // A closing quote later on the line would have made it an ordinary assignment.
    if (strength(m[1]) !== 'strong' || /^(?:\$\{|\{\{|<|%)/.test(m[3])) continue;
    group(m, m[3].trimEnd(), add, 'assigned-secret');
  }
}

/**
 * `scheme://user:password@host` gives its password; a token standing alone in the user
 * part (`https://TOKEN@github.com`, `https://TOKEN:x-oauth-basic@…`) is the secret itself.
 * Identical user and password (`postgres://postgres:postgres@`) are a local default.
 */
function urlCredentials(text: string, add: AddSpan): void {
  for (const m of text.matchAll(SCHEME_URL)) {
    const user = m[1];
    const pw = m[2];
    if (pw !== undefined && pw !== '' && !/^x-oauth-(?:basic|token)$/i.test(pw)) {
      // `https://abc:xyz@example.com` in documentation: too short to be anyone's password.
      if (pw.length >= 4 && pw !== user && !isPlaceholder(pw) && !/^[$%{<]/.test(pw)) {
        const at = m.index + m[0].length - 1 - pw.length;
        add(at, at + pw.length, 'connection-string-password');
      }
      continue;
    }
    if (user.length >= 20 && /\d/.test(user) && /^[\w.~-]+$/.test(user) && !isPlaceholder(user)) {
      const at = m.index + m[0].indexOf('//') + 2;
      add(at, at + user.length, 'url-credentials');
    }
  }
}

/**
 * `user:password` (or `apikey:` with the key as user): not a placeholder pair such as
 * `user:pass`, `username:token`, `test:test`, `neo4j:[PASSWORD]`, `$USER:$PASS`.
 */
function curlCredentials(pair: string): boolean {
  const colon = pair.indexOf(':');
  if (colon < 0) return false;
  const user = pair.slice(0, colon);
  const pw = pair.slice(colon + 1);
  const secret = pw === '' ? user : pw;
  if (secret.length < 6 || pw === user || isPlaceholder(secret) || /^[$%<[]/.test(secret)) return false;
  return !/^(?:user(?:name)?|pass(?:word)?|token|secret|api[_-]?key|login)$/i.test(secret);
}

/** `-u` belongs to curl when the command (with `\` continuation lines) starts with it. */
function isCurl(text: string, at: number): boolean {
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let command = text.slice(lineStart, at);
  for (let i = 0; i < 20 && lineStart > 0; i++) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const prev = text.slice(prevStart, lineStart - 1);
    if (!/\\\r?$/.test(prev)) break;
    command = `${prev}\n${command}`;
    lineStart = prevStart;
  }
  return /\bcurl\b/.test(command);
}

function quotedValue(m: RegExpMatchArray, value: string, add: AddSpan, trimmed: boolean): void {
  const v = trimmed ? value.trim() : value;
  if (v.length < 4 || isPlaceholder(v) || /\s/.test(v)) return;
  group(m, v, add, 'assigned-secret');
}

function group(m: RegExpMatchArray, value: string, add: AddSpan, kind: SecretKind): void {
  if (m.index === undefined || value === '') return;
  const at = m.index + m[0].lastIndexOf(value);
  add(at, at + value.length, kind);
}

/**
 * Base64 lines of key width ending in an END line whose BEGIN is out of sight (above the
 * window or the selection), and a run of such lines with neither: both are key material.
 * A run under a BEGIN line is the PEM rules' (private) or harmless (a certificate).
 */
function headlessKeyMaterial(text: string, add: AddSpan): void {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    if (!BASE64_LINE.test(lines[i])) continue;
    let j = i;
    while (j + 1 < lines.length && (BASE64_LINE.test(lines[j + 1]) || /^[ \t]*[A-Za-z0-9+/]{1,80}={0,2}[ \t]*$/.test(lines[j + 1]) && /-----END /.test(lines[j + 2] ?? ''))) j++;
    const before = lines[i - 1] ?? '';
    const after = lines[j + 1] ?? '';
    const endsPrivate = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY/.test(after);
    const underBegin = /-----BEGIN /.test(before) || /^[A-Za-z-]+: /.test(before) || before.trim() === '' && /-----BEGIN |: /.test(lines[i - 2] ?? '');
    const endsOther = /-----END /.test(after) && !endsPrivate;
    const run = j - i + 1;
    if (endsPrivate && !underBegin) add(starts[i] + lines[i].search(/\S/), starts[j + 1] + after.trimEnd().length, 'private-key');
    else if (!underBegin && !endsOther && run >= 3 && sameWidth(lines.slice(i, j + 1))) add(starts[i] + lines[i].search(/\S/), starts[j] + lines[j].trimEnd().length, 'private-key');
    i = j;
  }
  // An END line alone (the window starts on it): it names what came before.
  for (const m of text.matchAll(KEY_END)) {
    if (text.lastIndexOf('-----BEGIN ', m.index) < 0) add(m.index, m.index + m[0].length, 'private-key');
  }
}

/** PEM (64), OpenSSH (70) and MIME (76) bodies: every line but the last of one width. */
function sameWidth(lines: string[]): boolean {
  const widths = lines.slice(0, -1).map((l) => l.trim().length);
  return (widths[0] === 64 || widths[0] === 70 || widths[0] === 76) && widths.every((w) => w === widths[0]);
}
