/**
 * The client libraries, in one module of their own: the extension's bundle leaves it out
 * and `sdkLoader.ts` loads it on the first request, so activation does not pay for
 * parsing and running them (most of the bundle).
 */
export { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, OpenAI } from 'openai';
export { InferenceClient } from '@huggingface/inference';
export { ProxyAgent } from 'undici';
