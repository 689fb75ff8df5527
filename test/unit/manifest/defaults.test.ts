import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as defaults from '../../../src/core/defaults';

// Every default is named once, in src/core/defaults.ts: the manifest's
// setting defaults and activation events must say the same.
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;
const defaultOf = (key: string) => properties[`pmZone.${key}`].default;

describe('package.json and the defaults module agree', () => {
  it('has the setting defaults of the defaults module', () => {
    assert.equal(defaultOf('policyFile'), defaults.DEFAULT_POLICY_FILE);
    assert.equal(defaultOf('skillFile'), defaults.DEFAULT_SKILL_FILE);
    assert.equal(defaultOf('planningTemplate'), defaults.DEFAULT_PLANNING_TEMPLATE);
    assert.equal(defaultOf('review.maxFiles'), defaults.DEFAULT_MAX_FILES);
    assert.equal(defaultOf('review.maxLines'), defaults.DEFAULT_MAX_LINES);
    assert.deepEqual(defaultOf('pullRequest.labels'), defaults.DEFAULT_LABELS);
  });

  it('activates on exactly the default policy files', () => {
    const activation = manifest.activationEvents.filter((event: string) => event.startsWith('workspaceContains:')).map((event: string) => event.slice('workspaceContains:'.length));
    const expected = defaults.DEFAULT_POLICY_FILES.filter((file) => file !== defaults.DEFAULT_PLANNING_TEMPLATE);
    assert.deepEqual([...activation].sort(), [...expected].sort());
  });
});
