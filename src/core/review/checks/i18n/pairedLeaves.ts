// A changed strings file's two versions paired key by key, once a review:
// the size check counts the strings the change touched, the translation
// checks list them and the removed keys, and each of them looked every key
// of one version up in the other (four sweeps of a locale's 4,000 keys).
import type { StringsLeaf } from './stringsFile';

type Leaves = ReadonlyMap<string, StringsLeaf>;

/** The keys of `after` with the leaf `before` holds at each, and the keys only `before` has. */
export interface PairedLeaves {
  /** `after`'s keys, in its order. */
  keys: string[];
  /** `after`'s leaf at each of `keys`. */
  after: StringsLeaf[];
  /** `before`'s leaf at each of `keys`, undefined where it has none. */
  before: (StringsLeaf | undefined)[];
  /** `before`'s keys that `after` lacks, in `before`'s order, and their leaves. */
  removedKeys: string[];
  removedLeaves: StringsLeaf[];
}

const pairings = new WeakMap<Leaves, { before: Leaves; pairs: PairedLeaves }>();

/**
 * `before` and `after` paired: what `before.get(key)` answers for each key
 * of `after`, and `before`'s keys for which `after.has(key)` is false. Kept
 * for the pair, as long as `after` lives.
 */
export function pairedLeaves(before: Leaves, after: Leaves): PairedLeaves {
  const known = pairings.get(after);
  if (known?.before === before) return known.pairs;
  const pairs: PairedLeaves = { keys: [], after: [], before: [], removedKeys: [], removedLeaves: [] };
  // forEach, where a for…of makes an entry and an iterator result for each of the file's thousands of keys.
  after.forEach((leaf, key) => {
    pairs.keys.push(key);
    pairs.after.push(leaf);
    pairs.before.push(before.get(key));
  });
  before.forEach((leaf, key) => {
    if (after.has(key)) return;
    pairs.removedKeys.push(key);
    pairs.removedLeaves.push(leaf);
  });
  pairings.set(after, { before, pairs });
  return pairs;
}
