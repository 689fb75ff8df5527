// .github/workflows/release.yml: clean under actionlint (offline, see
// test/support/actionlint.ts), and the release its comments promise: one
// build on a version tag, then npm with provenance, both extension
// marketplaces and the Action published from that build's files, each job
// with only the permissions it needs. test/bundle/release.test.ts runs the
// steps' script in its dry run.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { actionlint } from '../../support/actionlint';
import { ciWorkflow } from '../../../src/core/ci';

const file = '.github/workflows/release.yml';
const text = readFileSync(path.join(__dirname, '..', '..', '..', file), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  permissions: Record<string, string>;
  steps: Step[];
}

describe('the release workflow', () => {
  const workflow = parse(text) as { on: { push: { tags: string[] } }; permissions: Record<string, string>; jobs: Record<string, Job> };
  const runs = (job: string) => workflow.jobs[job].steps.map((step) => step.run ?? '').join('\n');

  it('passes actionlint, and actionlint does read it', async () => {
    assert.deepEqual(await actionlint(text, file), []);
    assert.notDeepEqual(await actionlint(text.replace('${{ github.sha }}', '${{ github.shaa }}'), file), []);
    assert.notDeepEqual(await actionlint(text.replace('needs: build\n', 'needs: bild\n'), file), []);
  });

  it('the workflow ci init writes passes actionlint too', async () => {
    assert.deepEqual(await actionlint(ciWorkflow({ policyFile: 'docs/AGENTS.md', codeownersFlavor: 'gitlab' }), '.github/workflows/pm-zone-review.yml'), []);
  });

  it('runs on a version tag, builds once, and publishes only what that build made', () => {
    assert.deepEqual(workflow.on.push.tags, ['v[0-9]+.[0-9]+.[0-9]+']);
    assert.deepEqual(workflow.permissions, {});
    assert.match(runs('build'), /node scripts\/release\.mjs build --out release --tag "\$TAG"/);
    for (const job of ['npm', 'marketplaces', 'action']) {
      assert.equal(workflow.jobs[job].needs, 'build', job);
      assert.doesNotMatch(runs(job), /npm ci|npm run|build\.mjs|npm pack|vsce package/, `${job} builds nothing`);
      assert.ok(workflow.jobs[job].steps.some((step) => step.uses?.startsWith('actions/download-artifact@')), `${job} takes the build's files`);
    }
    assert.match(runs('npm'), /^npm publish release\/pm-zone-\*\.tgz --provenance --access public$/m);
    assert.match(runs('marketplaces'), /@vscode\/vsce@[\d.]+ publish --packagePath release\/pm-zone-\*\.vsix/);
    assert.match(runs('marketplaces'), /ovsx@[\d.]+ publish release\/pm-zone-\*\.vsix/);
    assert.match(runs('action'), /node scripts\/release\.mjs action --tree release\/action --source "\$SOURCE" --push/);
  });

  it('gives each job only what it needs: the OIDC token to npm, the right to push to the Action\'s job', () => {
    assert.deepEqual(workflow.jobs.build.permissions, { contents: 'read' });
    assert.deepEqual(workflow.jobs.npm.permissions, { contents: 'read', 'id-token': 'write' });
    assert.deepEqual(workflow.jobs.marketplaces.permissions, { contents: 'read' });
    assert.deepEqual(workflow.jobs.action.permissions, { contents: 'write' });
  });

  it('pins every action to a commit, with its version beside it', () => {
    for (const match of text.matchAll(/uses: (\S+)(.*)/g)) assert.match(`${match[1]}${match[2]}`, /^[\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, match[0]);
  });
});
