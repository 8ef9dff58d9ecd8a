import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isRecord } from '../../../src/core/config';
import { isRestrictedSetting, RESTRICTED_SETTINGS, untrustedValue } from '../../../src/core/trust';

function manifestCapabilities(): Record<string, unknown> {
  const pkg: unknown = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  assert.ok(isRecord(pkg) && isRecord(pkg.capabilities));
  return pkg.capabilities;
}

describe('trust model: what a repository cannot set in Restricted Mode', () => {
  it('package.json restricts exactly the settings that spend money or change where code goes', () => {
    const caps = manifestCapabilities();
    assert.ok(isRecord(caps.untrustedWorkspaces));
    assert.equal(caps.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(caps.untrustedWorkspaces.restrictedConfigurations, [...RESTRICTED_SETTINGS]);
    assert.equal(RESTRICTED_SETTINGS.length, 15);
    assert.ok(isRecord(caps.virtualWorkspaces), 'virtual workspaces are declared');
  });

  it('privacy settings stay out of the list (they only add privacy, so a repository may always set them)', () => {
    for (const key of ['privateWorkspace', 'privateFolders', 'exclude']) assert.equal(isRestrictedSetting(key), false);
    for (const key of ['provider', 'inline.maxTokens', 'huggingface.fimTemplate', 'budget.dailyUsd']) assert.equal(isRestrictedSetting(key), true);
  });

  it('an untrusted workspace gets the user value, else the default, never the workspace or folder value', () => {
    assert.equal(untrustedValue({ defaultValue: 'openai', globalValue: 'openai', workspaceValue: 'huggingface', workspaceFolderValue: 'huggingface' }), 'openai');
    assert.equal(untrustedValue({ defaultValue: 128, workspaceValue: 4096 }), 128);
    assert.equal(untrustedValue({ defaultValue: true, globalValue: false, workspaceValue: true }), false);
    assert.equal(untrustedValue(undefined), undefined);
  });
});
