// The local server's answers in GitHub's full shape. Each resource names the
// schema an answer is (`shaped('pull-request', {...})`) and sets the fields
// that matter to PM Zone and to the test; every other field GitHub's
// description requires is filled from the schema itself: a nullable field
// null, an enum's first value, a URL under the server's address, a date, an
// empty list, nested objects the same way. So the client always meets every
// field GitHub sends, placeholders where PM Zone does not look, and what the
// fake sets is still checked against the schema on the way out (openapi.ts).

import { componentSchema, DESCRIPTION, type Schema } from './openapi';

const DATE = '2026-01-05T10:00:00Z';

function resolve(schema: Schema): Schema {
  let current = schema;
  while (typeof current.$ref === 'string') current = DESCRIPTION.components.schemas[current.$ref.split('/').pop()!] ?? {};
  return current;
}

/** The properties a schema names, its allOf parts' included. */
function propertiesOf(schema: Schema): Record<string, Schema> {
  const resolved = resolve(schema);
  return Object.assign({}, ...((resolved.allOf ?? []) as Schema[]).map(propertiesOf), resolved.properties ?? {}) as Record<string, Schema>;
}

/** A nullable reference as the validator reads it (`anyOf: [that, { type: 'null' }]`): the alternative that is not null. */
function notNull(alternatives: Schema[]): Schema[] {
  const kept = alternatives.filter((alternative) => alternative.type !== 'null');
  return kept.length > 0 ? kept : alternatives;
}

/** A value of `schema` for a field called `name`, the given one kept and completed. */
function fill(schema: Schema, given: unknown, name: string, base: string): unknown {
  const resolved = resolve(schema);
  if (Array.isArray(resolved.allOf)) return (resolved.allOf as Schema[]).reduce<unknown>((value, part) => fill(part, value, name, base), given);
  const listed = (resolved.oneOf ?? resolved.anyOf) as Schema[] | undefined;
  const alternatives = listed ? notNull(listed) : undefined;
  if (listed && listed.length > alternatives!.length && given === undefined) return null;
  if (alternatives) return given !== undefined ? (typeof given === 'object' && given !== null && !Array.isArray(given) ? fill(pickAlternative(alternatives, given), given, name, base) : given) : fill(alternatives[0]!, undefined, name, base);
  if (given === null) return null;
  if (given !== undefined && (resolved.type !== 'object' || typeof given !== 'object')) {
    if (resolved.type === 'array' && Array.isArray(given) && resolved.items) return given.map((item) => fill(resolved.items as Schema, item, name, base));
    return given;
  }
  if (given === undefined && resolved.nullable === true) return null;
  switch (resolved.type) {
    case 'object': {
      const value: Record<string, unknown> = { ...(given as Record<string, unknown> | undefined) };
      const properties = (resolved.properties ?? {}) as Record<string, Schema>;
      for (const key of new Set([...((resolved.required ?? []) as string[]), ...Object.keys(value)])) {
        if (properties[key]) value[key] = fill(properties[key], value[key], key, base);
      }
      return value;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(1, Number(resolved.minimum ?? 1));
    case 'boolean':
      return false;
    case 'string':
      if (Array.isArray(resolved.enum)) return resolved.enum[0];
      if (resolved.format === 'date-time') return DATE;
      if (resolved.format === 'uri' || name.endsWith('_url') || name === 'url') return `${base}/placeholder/${name}`;
      if (resolved.format === 'email') return 'someone@example.com';
      return name === 'node_id' ? 'MDQ6VXNlcjE=' : 'x';
    default:
      return given ?? null;
  }
}

/** The alternative of a oneOf whose listed properties the given object has most of (a rule's `type` enum decides). */
function pickAlternative(alternatives: Schema[], given: object): Schema {
  const type = (given as { type?: unknown }).type;
  const byType = alternatives.find((alternative) => {
    const types = resolve(propertiesOf(alternative).type ?? {});
    return Array.isArray(types.enum) && types.enum.includes(type);
  });
  if (byType) return byType;
  const keys = Object.keys(given);
  return alternatives.reduce((best, alternative) => {
    const score = (candidate: Schema) => keys.filter((key) => key in propertiesOf(candidate)).length;
    return score(alternative) > score(best) ? alternative : best;
  });
}

/** `given` completed to GitHub's schema `name` (a component of the description); `base` is the server's address, for URLs. */
export function shaped<T extends object>(name: string, given: T, base: string): T {
  return fill(componentSchema(name), given, name, base) as T;
}

/** A person's account, or an app's bot (`slug[bot]`), as GitHub names one in every answer that carries a user (`simple-user`). */
export function userPayload(login: string, base: string, id = 1): object {
  const bot = /^(.+)\[bot\]$/.exec(login)?.[1];
  return shaped('simple-user', { login, id, type: bot ? 'Bot' : 'User', html_url: bot ? `${base}/apps/${bot}` : `${base}/${login}` }, base);
}

/** GitHub's stand-in for a deleted account where its description does not let `user` be null: the account "ghost". */
export function ghostPayload(base: string): object {
  return userPayload('ghost', base, 10137);
}
