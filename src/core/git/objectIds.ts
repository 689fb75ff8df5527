/**
 * A full object id, as git prints one (never a name that could point
 * elsewhere by the time git reads it): two equal ids name one object.
 */
export function isObjectId(name: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(name);
}
