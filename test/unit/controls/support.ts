// A sample repository and the local GitHub API server for `pm-zone controls`:
// GitHub holds acme/shop with the pilots' roles; each test sets the rules.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlsReport, ControlStatus } from '../../../src/core/controls';
import { FakeGitHub } from '../../support/fakeGitHub';
import { ACTIONS_APP_ID, type BypassActorState, type RuleState, type RulesetState } from '../../support/github/rules';
import { cli, type CliRun } from '../cli/support/cli';
import { isolatedGitEnv, runGit } from '../helpers/tempRepo';
import { sampleRepo as sampleCopy } from '../cli/support/sampleRepo';

export const ALICE_ID = 501;

/** Every review rule PM Zone asks for, as GitHub's rulesets write them. */
export const REVIEW_RULE: RuleState = {
  type: 'pull_request',
  parameters: { required_approving_review_count: 1, require_code_owner_review: true, require_last_push_approval: true, dismiss_stale_reviews_on_push: false, required_review_thread_resolution: false },
};

/** The gate's check required, from GitHub Actions, or from any source (`null`). */
export const GATE_RULE = (integration_id: number | null = ACTIONS_APP_ID): RuleState => ({
  type: 'required_status_checks',
  parameters: { required_status_checks: [{ context: 'PM PR Review', ...(integration_id === null ? {} : { integration_id }) }], strict_required_status_checks_policy: false },
});

/** The sample's engineering-only globs in GitHub's push ruleset path syntax, as `pm-zone controls --fix --push` writes them. */
export const LOCKED_PATHS = ['**/auth/**/*', '**/payments/**/*', '**/migrations/**/*', '**/infra/**/*', '.github/workflows/**/*', 'CLAUDE.md', '.github/CODEOWNERS', '.claude/**/*'];

/** A push ruleset restricting `paths` (default: every engineering-only path of the sample). */
export function pushLock(options: { paths?: string[]; bypass_actors?: BypassActorState[]; enforcement?: 'active' | 'evaluate' | 'disabled'; name?: string } = {}): Partial<RulesetState> & { name: string; rules: RuleState[] } {
  return {
    name: options.name ?? 'Lock engineering paths', target: 'push', enforcement: options.enforcement ?? 'active', bypass_actors: options.bypass_actors ?? [],
    rules: [{ type: 'file_path_restriction', parameters: { restricted_file_paths: options.paths ?? LOCKED_PATHS } }],
  };
}

/** A fresh copy of the sample repository on main. */
export function sampleRepo(options: { regulated?: boolean; unenforced?: boolean } = {}): Promise<string> {
  return sampleCopy(options);
}

/** Appends lines to a file and commits it on main, as a pull request merged would. */
export async function commitAppend(root: string, file: string, text: string): Promise<void> {
  appendFileSync(join(root, file), text);
  await runGit(root, ['add', '--', file]);
  await runGit(root, ['commit', '--quiet', '--no-verify', '-m', `Update ${file}`]);
}

export async function startGitHub(): Promise<FakeGitHub> {
  const fake = await FakeGitHub.start({ login: 'dana' });
  resetGitHub(fake);
  return fake;
}

export function resetGitHub(fake: FakeGitHub): void {
  fake.reset();
  fake.addRepo('acme', 'shop', { branches: { 'release/1': 0 } });
  fake.rules.setRole('alice', 'write', ALICE_ID);
  fake.rules.setRole('bob', 'write', 502);
}

export function controls(fake: FakeGitHub, root: string, ...args: string[]): Promise<CliRun> {
  return cli(['controls', '--repo', 'acme/shop', '--api-url', fake.apiUrl, ...args], { cwd: root, env: { ...isolatedGitEnv, GITHUB_TOKEN: fake.token } });
}

export async function report(fake: FakeGitHub, root: string, ...args: string[]): Promise<{ code: number; report: ControlsReport }> {
  const run = await controls(fake, root, '--json', ...args);
  if (run.stderr) throw new Error(`stderr: ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as ControlsReport };
}

/** `{ id: status }` of every control. */
export function statuses(report: ControlsReport): Record<string, ControlStatus> {
  return Object.fromEntries(report.controls.map((control) => [control.id, control.status]));
}

export function evidence(report: ControlsReport, id: string): string {
  return report.controls.find((control) => control.id === id)?.evidence ?? '';
}

/**
 * Mocha hooks for a suite on one sample repository and the local GitHub API
 * server, reset before each test: the fields are there once `before` ran.
 */
export function sampleOnGitHub(): { fake: FakeGitHub; root: string } {
  const at = {} as { fake: FakeGitHub; root: string };
  before(async () => {
    at.fake = await startGitHub();
    at.root = await sampleRepo();
  });
  after(async () => at.fake?.close());
  beforeEach(() => resetGitHub(at.fake));
  return at;
}
