import assert from 'node:assert/strict';
import { settingMentioned } from '../../../src/core/settingMention';

const KNOWN = ['tandem.huggingface.endpointUrl', 'tandem.openai.baseUrl', 'tandem.openai.chatModel', 'tandem.exclude'];

describe('settingMentioned', () => {
  it('finds the setting a message names, ignoring a sentence-ending dot', () => {
    assert.equal(settingMentioned('No private endpoint is set: set tandem.huggingface.endpointUrl in your user settings.', KNOWN), 'tandem.huggingface.endpointUrl');
    assert.equal(settingMentioned('Check tandem.openai.baseUrl.', KNOWN), 'tandem.openai.baseUrl');
  });
  it('skips names that are not settings, and says nothing when there is none', () => {
    assert.equal(settingMentioned('tandem.fallbackToPrivate is on; check tandem.openai.chatModel', KNOWN), 'tandem.openai.chatModel');
    assert.equal(settingMentioned('The server answered 500.', KNOWN), undefined);
  });
});
