import assert from 'node:assert/strict';
import { onFirstUse } from '../../../src/core/onFirstUse';

describe('onFirstUse', () => {
  it('loads nothing until first used, then once, however many callers wait at the same time', async () => {
    let loads = 0;
    const m = onFirstUse(async () => ({ n: ++loads }));
    assert.equal(loads, 0);
    assert.equal(m.loaded(), undefined);
    const [a, b] = await Promise.all([m.get(), m.get()]);
    assert.equal(loads, 1);
    assert.equal(a, b);
    assert.equal(m.loaded(), a);
    assert.equal(await m.get(), a);
    assert.equal(loads, 1);
  });

  it('tries a failed load again on the next use, and is not loaded meanwhile', async () => {
    let attempt = 0;
    const m = onFirstUse(async () => {
      attempt++;
      if (attempt === 1) throw new Error('disk hiccup');
      return 'ok';
    });
    await assert.rejects(m.get(), /disk hiccup/);
    assert.equal(m.loaded(), undefined);
    assert.equal(await m.get(), 'ok');
    assert.equal(attempt, 2);
  });

  it('whenLoaded: at once when loaded, after the load when loading, never when unused', async () => {
    const seen: string[] = [];
    const unused = onFirstUse(async () => 'unused');
    unused.whenLoaded((v) => seen.push(v));

    let release: (v: string) => void = () => undefined;
    const loading = onFirstUse(() => new Promise<string>((resolve) => (release = resolve)));
    const pending = loading.get();
    loading.whenLoaded((v) => seen.push(`after ${v}`));
    assert.equal(seen.length, 0);
    release('load');
    await pending;
    await Promise.resolve();
    assert.deepEqual(seen, ['after load']);

    loading.whenLoaded((v) => seen.push(`now ${v}`));
    assert.deepEqual(seen, ['after load', 'now load']);
  });
});
