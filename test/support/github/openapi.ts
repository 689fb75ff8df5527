// GitHub's published description of each operation the local server answers
// (test/fixtures/github/openapi-subset.json, from @octokit/openapi: see
// scripts/github-openapi-subset.mjs), checked with ajv: every answer the
// server gives against the operation's response for that status, and every
// request body PM Zone sends against the operation's request body. A
// violation is a sentence naming the operation and the field.

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
// Imported, not read from disk: the integration tier runs this server bundled, far from the fixtures folder.
import subset from '../../fixtures/github/openapi-subset.json';

interface Description {
  paths: Record<string, Record<string, { operationId: string; requestBody?: { content?: Record<string, { schema: object }> }; responses: Record<string, ResponseObject> }>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, ResponseObject> };
}

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema: object }>;
}

export type Schema = Record<string, unknown>;

export const DESCRIPTION = subset as unknown as Description;

/**
 * OpenAPI 3.0's `nullable` as ajv reads it: beside an `enum`, null joins the
 * enum (ajv would read the enum alone); without a `type` (`nullable` beside
 * `allOf: [{ $ref }]`, as GitHub writes a nullable reference), the schema
 * becomes "that, or null" (ajv refuses `nullable` without a type).
 */
function nullables(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullables);
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  Object.values(schema).forEach(nullables);
  if (schema.nullable !== true) return;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (schema.type === undefined) {
    const rest = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'nullable'));
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [rest, { type: 'null' }];
  }
}
nullables(DESCRIPTION);

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// GitHub's own format for a repository's `owner/name` (a new pull request's head_repo), which ajv-formats does not
// know: unknown, ajv would print a warning the first time a process compiles that schema, whichever test that is.
ajv.addFormat('repo.nwo', /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);
ajv.addSchema({ ...DESCRIPTION, $id: 'github' });
const compiled = new Map<string, ValidateFunction>();

/** The operation `METHOD /path` (a concrete path, no query) belongs to, with its template. */
export function operationOf(method: string, path: string): { template: string; operation: Description['paths'][string][string] } | undefined {
  const segments = path.replace(/\/+$/, '').split('/');
  for (const [template, operations] of Object.entries(DESCRIPTION.paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length || !parts.every((part, index) => /^\{\w+\}$/.test(part) || part === segments[index])) continue;
    const operation = operations[method.toLowerCase()];
    if (operation) return { template, operation };
  }
  return undefined;
}

function validator(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `github#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

const escape = (text: string) => text.replace(/~/g, '~0').replace(/\//g, '~1');

function problems(validate: ValidateFunction, value: unknown, what: string): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 5).map((error) => `${what}: ${error.instancePath || '/'} ${error.message ?? ''}${error.params && 'missingProperty' in error.params ? ` (${String(error.params.missingProperty)})` : ''}`);
}

/** What is wrong with an answer of status `status` to `METHOD path`, as GitHub describes it; empty when it is GitHub's shape. */
export function responseViolations(method: string, path: string, status: number, body: unknown): string[] {
  const found = operationOf(method, path);
  if (!found) return [`${method} ${path}: no such operation in GitHub's description`];
  const { template, operation } = found;
  const name = `${method} ${template} (${operation.operationId}) ${status}`;
  if (status === 304 || status === 204) return [];
  let response = operation.responses[String(status)];
  let pointer = `/paths/${escape(template)}/${method.toLowerCase()}/responses/${status}`;
  if (response?.$ref) {
    pointer = response.$ref.slice(1);
    response = DESCRIPTION.components.responses[response.$ref.split('/').pop()!];
  }
  if (!response) {
    // GitHub answers errors it does not list for every operation (a 403 for SSO, a 404 for a token without access): they are its basic error.
    if (status >= 400) return problems(validator('/components/schemas/basic-error'), body, `${name}, GitHub's error body`);
    return [`${name}: GitHub's description lists no ${status} answer for this operation`];
  }
  if (!response.content?.['application/json']) {
    // An error GitHub lists without a body still comes with its basic error, as every error does.
    if (status >= 400) return problems(validator('/components/schemas/basic-error'), body, `${name}, GitHub's error body`);
    return body === undefined || body === null ? [] : [`${name}: GitHub answers it with no JSON body`];
  }
  return problems(validator(`${pointer}/content/application~1json/schema`), body, name);
}

/** What is wrong with a request body PM Zone sent to `METHOD path`; empty when GitHub's description accepts it. */
export function requestViolations(method: string, path: string, body: unknown): string[] {
  const found = operationOf(method, path);
  if (!found?.operation.requestBody?.content?.['application/json'] || body === undefined) return [];
  const { template, operation } = found;
  return problems(validator(`/paths/${escape(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`), body, `request to ${method} ${template} (${operation.operationId})`);
}

/** The schema a component name stands for, `$ref`s left as they are. */
export function componentSchema(name: string): Schema {
  const schema = DESCRIPTION.components.schemas[name];
  if (!schema) throw new Error(`no schema ${name} in the OpenAPI subset: add the operation that uses it to scripts/github-openapi-subset.mjs`);
  return schema;
}
