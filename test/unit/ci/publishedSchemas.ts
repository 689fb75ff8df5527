// The published JSON schemas of GitHub Action metadata and workflow files, as
// SchemaStore keeps them (test/fixtures/ci/schemas/README.md names the
// commit), checked with ajv. Kept as files so a stale bundled copy cannot pass
// a runtime GitHub has since added or dropped.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type SchemaName = 'github-action' | 'github-workflow';

const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map<SchemaName, ReturnType<Ajv['compile']>>();

/** The schema's complaints about the YAML `text`, as `path: message` lines; none when it is valid. */
export function schemaErrors(schema: SchemaName, text: string): string[] {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(join(__dirname, '../../fixtures/ci/schemas', `${schema}.json`), 'utf8')));
    validators.set(schema, validate);
  }
  return validate(parse(text)) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message}`);
}
