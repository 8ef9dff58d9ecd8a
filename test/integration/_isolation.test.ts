// Root hooks for every integration suite: each test starts with healthy providers, so a
// test that injects 429s or 503s cannot leave an open circuit to the tests after it.
import { tandem } from './util';

beforeEach(async () => {
  (await tandem()).testHooks.resetHealth();
});
