// Grouping values by a key, one list a key: appended to in place, where
// copying the list for each member (`[...list, value]`) costs the square of
// a large group (a translation drop removes hundreds of keys a file).

/** Adds `value` to `key`'s list in `map`, making the list on its first value. */
export function pushTo<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
