import { sdk } from '../../src/core/net/sdkLoader';

/**
 * Mocha root hooks for the unit tests. The client libraries load on the first request
 * (`sdkLoader`), which takes a few hundred milliseconds under tsx; tests that use short
 * first-byte timeouts to keep their fault cases fast would otherwise count that load
 * against whichever of them happens to run first. Load them once, before any test.
 * (The test that proves activation loads none of them runs in a fresh process.)
 */
export const mochaHooks = {
  beforeAll(): void {
    sdk();
  },
};
