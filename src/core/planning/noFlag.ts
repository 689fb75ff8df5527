/**
 * `flag: none` in a planning doc: a copy or content change that needs no
 * feature flag. Allowed when planning; whether it is acceptable is the
 * checklist's to say (a component change still needs a flag there).
 */
export const NO_FLAG = 'none';

export function isNoFlag(flag: string | undefined): boolean {
  return flag !== undefined && /^none\b/i.test(flag.trim());
}
