import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_EXCLUDE } from '../../../src/core/config';
import { matchExclude } from '../../../src/core/privacy/exclude';

const root = '/home/u/proj';
const check = (rel: string): string | undefined => matchExclude(DEFAULT_EXCLUDE, `${root}/${rel}`, rel)?.pattern;

describe('default exclusions: key stores and credential files', () => {
  it('excludes PuTTY keys, PKCS#12 and Java key stores and .netrc', () => {
    assert.equal(check('keys/deploy.ppk'), '**/*.ppk');
    assert.equal(check('certs/client.p12'), '**/*.p12');
    assert.equal(check('certs/client.pfx'), '**/*.pfx');
    assert.equal(check('android/release.jks'), '**/*.jks');
    assert.equal(check('.netrc'), '**/.netrc');
    assert.equal(check('home/.netrc'), '**/.netrc');
    assert.equal(check('src/netrc.ts'), undefined);
  });

  it('declares the same defaults in package.json as the code applies', () => {
    const pkg: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const props = (pkg as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[] } }).contributes.configuration;
    const all = Array.isArray(props) ? Object.assign({}, ...props.map((p) => p.properties)) : props.properties;
    assert.deepEqual(all['tandem.exclude'].default, [...DEFAULT_EXCLUDE]);
  });
});
