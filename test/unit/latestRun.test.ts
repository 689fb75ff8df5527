import * as assert from 'node:assert/strict';
import { LatestRuns } from '../../src/core/latestRun';

/** A promise the test settles when it chooses: the order runs end in, set by hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => { resolve = settle; });
  return { promise, resolve };
}

describe('LatestRuns: only the run started last applies what it found', () => {
  it('drops an earlier run that ends after a later one, as a reload that asked git ends after one that did not', async () => {
    const runs = new LatestRuns();
    let shown: string | undefined;
    const git = deferred<string>();
    const named = deferred<string>();
    const load = async (found: Promise<string>) => {
      const isLatest = runs.start('repo');
      const value = await found;
      if (isLatest()) shown = value;
    };
    const first = load(git.promise);
    const second = load(named.promise);
    named.resolve('@zed');
    await second;
    assert.equal(shown, '@zed');
    git.resolve('@alice');
    await first;
    assert.equal(shown, '@zed', 'the earlier run, ending last, put its older answer back');
  });

  it('keeps keys apart: a run of one repository does not make another stale', () => {
    const runs = new LatestRuns();
    const a = runs.start('a');
    const b = runs.start('b');
    assert.deepEqual([a(), b()], [true, true]);
    const a2 = runs.start('a');
    assert.deepEqual([a(), a2(), b()], [false, true, true]);
  });

  it('makes runs under way stale on supersede and on forget, and a later run is the latest again', () => {
    const runs = new LatestRuns();
    const before = runs.start('doc');
    runs.supersede('doc');
    assert.equal(before(), false);
    const again = runs.start('doc');
    assert.equal(again(), true);
    runs.forget('doc');
    assert.equal(again(), false);
    assert.equal(runs.start('doc')(), true);
  });
});
