import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isRecord } from '../../../src/core/config';

/**
 * docs/REFERENCE.md is the public contract people and scripts read: it must name every
 * command, setting, keybinding and API member there is, with package.json's defaults, and
 * nothing that does not exist. This test keeps it so; CONTRIBUTING.md points here.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

interface Sources {
  reference: string;
  pkg: unknown;
  /** Every .ts file under src/, concatenated: where commands and UI ids are registered. */
  src: string;
  api: string;
  types: string;
}

function realSources(): Sources {
  const src = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => read(path.join('src', f)))
    .join('\n');
  return { reference: read('docs/REFERENCE.md'), pkg: JSON.parse(read('package.json')), src, api: read('src/vscode/api.ts'), types: read('src/core/llm/types.ts') };
}

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const matches = (text: string, re: RegExp): string[] => [...text.matchAll(re)].map((m) => m[1] ?? m[0]);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The text under `## title`, up to the next `## ` heading. */
function section(reference: string, title: string): string {
  const parts = reference.split(/^## /m);
  return parts.find((p) => p.startsWith(`${title}\n`)) ?? '';
}

/** The `### \`name\`` entries of a section: their text, and their `- Key: value` lines (continued by indented lines). */
function entries(text: string): { name: string; text: string; fields: Map<string, string> }[] {
  return text.split(/^### /m).slice(1).flatMap((chunk) => {
    const name = /^`([^`]+)`/.exec(chunk)?.[1];
    if (!name) return [];
    const fields = new Map([...chunk.matchAll(/^- (\w[\w ]*): (.*(?:\n {2}.*)*)/gm)].map((m): [string, string] => [m[1] ?? '', (m[2] ?? '').replace(/\n\s+/g, ' ')]));
    return [{ name, text: chunk, fields }];
  });
}

/** Every `tandem.*` name in a text (not `tandem-dev.tandem`, not part of a longer word). */
function tandemNames(text: string): string[] {
  return matches(text, /(?<![\w.-])(tandem(?:\.[A-Za-z]\w*)+)/g);
}

/** Identifiers that are neither commands nor settings but exist: submenus, walkthroughs, context keys, status items, panels. */
function otherIds(pkg: Record<string, unknown>, src: string): string[] {
  const contributes = rec(pkg.contributes);
  const whens = Object.values(rec(contributes.menus)).flatMap(list).concat(list(contributes.keybindings)).map((m) => str(m.when));
  return [
    ...list(contributes.submenus).map((s) => str(s.id)),
    ...list(contributes.walkthroughs).map((w) => str(w.id)),
    ...whens.flatMap(tandemNames),
    ...matches(src, /(?:createStatusBarItem|createWebviewPanel)\(\s*'(tandem\.[\w.]+)'/g),
    ...matches(src, /viewType\s*=\s*'(tandem\.[\w.]+)'/g),
    ...matches(src, /'setContext',\s*'(tandem\.[\w.]+)'/g),
  ];
}

/** Names of the members of `interface <name> { ... }` in a TypeScript text. */
function interfaceMembers(text: string, name: string): string[] {
  const body = new RegExp(`export interface ${name}\\s*\\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1] ?? '';
  return matches(body, /^\s*(?:readonly\s+)?(\w+)\??\s*[(:]/gm);
}

/** What is wrong with the reference; empty when it matches the code. */
function referenceProblems(s: Sources): string[] {
  const problems: string[] = [];
  const pkg = rec(s.pkg);
  const contributes = rec(pkg.contributes);
  const commands = list(contributes.commands);
  const commandIds = commands.map((c) => str(c.command));
  const registered = [...matches(s.src, /registerCommand\(\s*'(tandem\.[\w.]+)'/g), ...matches(s.src, /_COMMAND\s*=\s*'(tandem\.[\w.]+)'/g)];
  const props = rec(rec(contributes.configuration).properties);
  const untrusted = rec(rec(pkg.capabilities).untrustedWorkspaces);
  const restricted = Array.isArray(untrusted.restrictedConfigurations) ? untrusted.restrictedConfigurations.map(str) : [];

  // Commands: each contributed or registered one documented, each public entry complete and titled as in package.json.
  const publicCommands = entries(section(s.reference, 'Commands'));
  const internal = tandemNames(section(s.reference, 'Internal commands'));
  const documented = new Set([...publicCommands.map((e) => e.name), ...internal]);
  for (const id of sorted([...commandIds, ...registered])) if (!documented.has(id)) problems.push(`command ${id} is not documented`);
  for (const e of publicCommands) {
    const c = commands.find((x) => x.command === e.name);
    if (!c) {
      problems.push(`documented command ${e.name} is not contributed`);
      continue;
    }
    const title = `${str(c.category)}: ${str(c.title)}`;
    if (e.fields.get('Title') !== title) problems.push(`${e.name}: title "${e.fields.get('Title') ?? ''}", package.json says "${title}"`);
    for (const key of ['What it does', 'Arguments', 'Returns', 'Fails']) if (!e.fields.has(key)) problems.push(`${e.name}: no "${key}" line`);
  }

  // Settings: the same set as package.json, with its type, default, scope, values and range.
  const settings = entries(section(s.reference, 'Settings'));
  for (const key of Object.keys(props)) if (!settings.some((e) => e.name === key)) problems.push(`setting ${key} is not documented`);
  for (const e of settings) {
    if (!(e.name in props)) {
      problems.push(`documented setting ${e.name} is not contributed`);
      continue;
    }
    const p = rec(props[e.name]);
    const ticks = (field: string) => matches(e.fields.get(field) ?? '', /`([^`]*)`/g);
    const [type] = ticks('Type');
    if (type !== p.type) problems.push(`${e.name}: type ${type ?? 'missing'}, package.json says ${str(p.type)}`);
    const defaultText = ticks('Default')[0];
    let documentedDefault: unknown;
    try {
      documentedDefault = defaultText === undefined ? undefined : JSON.parse(defaultText);
    } catch {
      problems.push(`${e.name}: default \`${defaultText ?? ''}\` is not JSON`);
    }
    if (defaultText !== undefined && JSON.stringify(documentedDefault) !== JSON.stringify(p.default)) {
      problems.push(`${e.name}: default ${defaultText}, package.json says ${JSON.stringify(p.default)}`);
    }
    // VS Code's scope when a setting declares none.
    const scope = str(p.scope) || 'window';
    if (ticks('Scope')[0] !== scope) problems.push(`${e.name}: scope ${ticks('Scope')[0] ?? 'missing'}, package.json says ${scope}`);
    const allowed = Array.isArray(p.enum) ? p.enum.map(str) : [];
    if (JSON.stringify(ticks('Allowed')) !== JSON.stringify(allowed)) problems.push(`${e.name}: allowed values ${ticks('Allowed').join(', ') || 'none'}, package.json says ${allowed.join(', ') || 'none'}`);
    const range = [p.minimum, p.maximum].filter((n) => typeof n === 'number').map(String);
    if (JSON.stringify(ticks('Range')) !== JSON.stringify(range)) problems.push(`${e.name}: range ${ticks('Range').join('–') || 'none'}, package.json says ${range.join('–') || 'none'}`);
    const saysRestricted = /^- Restricted in untrusted workspaces\.$/m.test(e.text);
    if (saysRestricted !== restricted.includes(e.name)) problems.push(`${e.name}: ${restricted.includes(e.name) ? 'is' : 'is not'} restricted in untrusted workspaces`);
  }

  // No name that does not exist.
  const known = new Set([...commandIds, ...registered, ...Object.keys(props), ...otherIds(pkg, s.src)]);
  for (const name of sorted(tandemNames(s.reference))) if (!known.has(name)) problems.push(`the reference names ${name}, which does not exist`);

  // The API: how to get it, each member of TandemApi, each field of the records usage() returns.
  const api = section(s.reference, 'API');
  const extensionId = `${str(pkg.publisher)}.${str(pkg.name)}`;
  if (!api.includes(`getExtension('${extensionId}')`)) problems.push(`the API section does not show getExtension('${extensionId}')`);
  const members = interfaceMembers(s.api, 'TandemApi');
  if (!members.length) problems.push('no TandemApi interface found in src/vscode/api.ts');
  const documentedMembers = matches(api, /^### `(\w+)/gm);
  if (JSON.stringify(sorted(documentedMembers)) !== JSON.stringify(sorted(members))) problems.push(`API members documented: ${sorted(documentedMembers).join(', ')}; TandemApi has: ${sorted(members).join(', ')}`);
  const fields = interfaceMembers(s.types, 'UsageRecord');
  const documentedFields = matches(api, /^\| `(\w+)` \|/gm);
  if (JSON.stringify(sorted(documentedFields)) !== JSON.stringify(sorted(fields))) problems.push(`UsageRecord fields documented: ${sorted(documentedFields).join(', ')}; the type has: ${sorted(fields).join(', ')}`);

  // Keybindings: the same rows as package.json.
  const rows = matches(section(s.reference, 'Keybindings'), /^(\| `[^`]+` \| `[^`]+` \| `[^`]+` \|)/gm);
  const want = list(contributes.keybindings).map((k) => `| \`${str(k.key)}\` | \`${str(k.mac)}\` | \`${str(k.command)}\` |`);
  for (const row of want) if (!rows.includes(row)) problems.push(`keybinding ${row} is not documented`);
  for (const row of rows) if (!want.includes(row)) problems.push(`documented keybinding ${row} is not contributed`);
  return problems;
}

describe('docs/REFERENCE.md', () => {
  const real = realSources();

  it('documents every command, setting, keybinding and API member, with package.json defaults, and nothing else', () => {
    assert.deepEqual(referenceProblems(real), []);
  });

  // The checks themselves: each kind of drift must be caught.
  const drifted = (change: (reference: string) => string) => referenceProblems({ ...real, reference: change(real.reference) });

  it('notices a command or a setting missing', () => {
    assert.ok(drifted((r) => r.replace('### `tandem.clearUsage`', '### Clear')).includes('command tandem.clearUsage is not documented'));
    assert.ok(drifted((r) => r.replace('### `tandem.pricing`', '### Pricing')).includes('setting tandem.pricing is not documented'));
  });

  it('notices a name that does not exist', () => {
    assert.ok(drifted((r) => `${r}\nSee \`tandem.inline.speed\`.\n`).includes('the reference names tandem.inline.speed, which does not exist'));
  });

  it('notices a default that differs from package.json', () => {
    const problems = drifted((r) => r.replace('- Default: `150`', '- Default: `200`'));
    assert.ok(problems.includes('tandem.inline.debounceMs: default 200, package.json says 150'), problems.join('\n'));
  });

  it('notices an API member that is not documented', () => {
    const problems = drifted((r) => r.replace('### `usage()`', '### Usage'));
    assert.ok(problems.some((p) => p.startsWith('API members documented: activeProvider, apiVersion;')), problems.join('\n'));
  });
});
