import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_CONFIG_FILES } from '../../../src/core/agents/configPaths';
import * as defaults from '../../../src/core/defaults';

// Every default is named once, in src/core/defaults.ts: the manifest's
// setting defaults and activation events must say the same.
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;
const defaultOf = (key: string) => properties[`pmZone.${key}`].default;

describe('package.json and the defaults module agree', () => {
  it('has the setting defaults of the defaults module', () => {
    // Empty: the zone is wherever the repository's instruction files hold it (zoneLocation), as on the command line.
    assert.equal(defaultOf('policyFile'), '');
    assert.equal(defaultOf('skillFile'), defaults.DEFAULT_SKILL_FILE);
    assert.equal(defaultOf('planningTemplate'), defaults.DEFAULT_PLANNING_TEMPLATE);
    assert.equal(defaultOf('review.maxFiles'), defaults.DEFAULT_MAX_FILES);
    assert.equal(defaultOf('review.maxLines'), defaults.DEFAULT_MAX_LINES);
    assert.deepEqual(defaultOf('pullRequest.labels'), defaults.DEFAULT_LABELS);
  });

  // An agent's hook settings are in many repositories without a PM zone: they lock, they do not activate.
  it('activates on exactly the default policy files and the instruction files a zone may be in', () => {
    const activation = manifest.activationEvents.filter((event: string) => event.startsWith('workspaceContains:')).map((event: string) => event.slice('workspaceContains:'.length));
    const expected = [...defaults.INSTRUCTION_FILES, ...defaults.DEFAULT_POLICY_FILES].filter((file) => file !== defaults.DEFAULT_PLANNING_TEMPLATE && file !== defaults.SUBMODULES_FILE && file !== defaults.GIT_ATTRIBUTES_FILE && !AGENT_CONFIG_FILES.includes(file));
    assert.deepEqual([...activation].sort(), [...new Set(expected)].sort());
  });
});
