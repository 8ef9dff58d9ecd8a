import assert from 'node:assert/strict';
import { checkEndpointUrl } from '../../../src/core/connection/endpointInput';

const url = (s: string) => {
  const r = checkEndpointUrl(s);
  return r.ok ? r.url : `ERR ${r.message}`;
};

describe('checkEndpointUrl', () => {
  it('accepts http and https roots and strips a trailing / or /v1', () => {
    assert.equal(url(' http://tgi.internal:8080 '), 'http://tgi.internal:8080');
    assert.equal(url('http://127.0.0.1:11434/v1/'), 'http://127.0.0.1:11434');
    assert.equal(url('https://xyz.us-east-1.aws.endpoints.huggingface.cloud/'), 'https://xyz.us-east-1.aws.endpoints.huggingface.cloud');
    assert.equal(url('http://gpu-box:8000/models/coder/v1'), 'http://gpu-box:8000/models/coder');
  });

  it('refuses credentials in the URL and points at the token command', () => {
    assert.match(url('http://me:secret@tgi:8080'), /^ERR .*Set Hugging Face Token/);
    assert.ok(!url('http://me:secret@tgi:8080').includes('secret'));
  });

  it('explains what is wrong with anything else', () => {
    assert.match(url(''), /^ERR Enter/);
    assert.match(url('tgi.internal:8080'), /^ERR Add the scheme: http:\/\/tgi\.internal:8080/);
    assert.match(url('ftp://tgi:21'), /^ERR Use http/);
    assert.match(url('http://tgi:8080/?key=1'), /^ERR .*without/);
    assert.match(url('not a url'), /^ERR That is not a URL/);
  });
});
