// The workflow `pm-zone ci init` (and "PM Zone: Add the CI gate") writes: the
// gate on every pull request event that can change its answer, and in the
// merge queue (`merge_group`: a repository that requires the check and queues
// merges would otherwise wait on a check that never runs), with the least
// permissions it needs and actions pinned to versions.

import { version } from '../../../package.json';
import { DEFAULT_POLICY_FILE, DEFAULT_SKILL_FILE, WORKFLOW_PATH } from '../defaults';
import { CHECKOUT, outdatedPins, pinnedUses, updatePins, type PinUpdate } from './pinnedActions';
import { isOwnersReason, reasonLocation } from '../repository/describe';
import type { RepositoryPolicy } from '../repository/repositoryPolicy';
import { DEFAULT_PACKAGE_MANAGER, type PackageManager } from '../repository/packageManager';

export { WORKFLOW_PATH };
export const ACTION_REPOSITORY = 'pm-zone/pm-zone';
// The release this program is: the Action's tag of the same version runs the same review.
export const ACTION_VERSION = `v${version}`;

export interface WorkflowOptions {
  /** Inputs that differ from the action's defaults, written as `with:` lines. */
  policyFile?: string;
  skillFile?: string;
  codeownersFlavor?: 'github' | 'gitlab';
}

export function ciWorkflow(options: WorkflowOptions = {}): string {
  // Only what differs from the action's defaults, so the file reads short and
  // follows the action if a default ever moves.
  const inputs = [
    options.policyFile && options.policyFile !== DEFAULT_POLICY_FILE ? `          policy-file: ${quote(options.policyFile)}` : undefined,
    options.skillFile && options.skillFile !== DEFAULT_SKILL_FILE ? `          skill-file: ${quote(options.skillFile)}` : undefined,
    options.codeownersFlavor && options.codeownersFlavor !== 'github' ? `          codeowners-flavor: ${options.codeownersFlavor}` : undefined,
  ].filter((line): line is string => line !== undefined);
  return [
    '# The PM PR Review on every pull request, with the rules of the base branch.',
    '# Written by `pm-zone ci init`. To make it a gate, require the "PM PR Review"',
    '# check in the branch protection (or ruleset) of your default branch:',
    '# Settings > Branches > Require status checks to pass > "PM PR Review".',
    'name: PM PR Review',
    '',
    'on:',
    '  pull_request:',
    '    types: [opened, synchronize, reopened, edited, labeled, unlabeled, ready_for_review]',
    '  # The merge queue: the queued change is judged as its pull request was.',
    '  merge_group:',
    '    types: [checks_requested]',
    '',
    'permissions:',
    '  contents: read',
    '  pull-requests: write',
    '',
    'concurrency:',
    '  group: pm-zone-review-${{ github.event.pull_request.number || github.ref }}',
    '  cancel-in-progress: true',
    '',
    'jobs:',
    '  review:',
    '    name: PM PR Review',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 10',
    '    steps:',
    `      - uses: ${pinnedUses(CHECKOUT)}`,
    '        with:',
    '          # The whole history: the policy is read at the merge base with the base branch.',
    '          fetch-depth: 0',
    '          persist-credentials: false',
    `      - uses: ${ACTION_REPOSITORY}@${ACTION_VERSION}`,
    ...(inputs.length > 0 ? ['        with:', ...inputs] : []),
    '',
  ].join('\n');
}

/**
 * What writing the workflow would do to what is there: both front ends
 * create a missing file, leave an equal one alone and replace a different
 * one only when the user says so (`--force`, or "Replace" in the editor).
 * A workflow whose pins are older than PM Zone's (one an earlier `ci init`
 * wrote, or edited since) is `outdated`: `updated` is that file with only its
 * pins moved, offered on its own (`--update`, or "Update the pins").
 */
export type WorkflowWrite =
  | { action: 'create' | 'unchanged' | 'differs'; text: string }
  /** `mergeQueue`: the update also adds the merge queue's trigger, which an earlier `ci init` did not write. */
  | { action: 'outdated'; text: string; updated: string; pins: PinUpdate[]; mergeQueue: boolean };

export function workflowWrite(existing: string | undefined, options: WorkflowOptions = {}): WorkflowWrite {
  const text = ciWorkflow(options);
  if (existing === undefined) return { action: 'create', text };
  const pins = outdatedPins(existing);
  const queued = withMergeQueue(existing);
  if (pins.length > 0 || queued !== existing) return { action: 'outdated', text, updated: updatePins(queued), pins, mergeQueue: queued !== existing };
  // A checkout with CRLF line endings holds the same workflow.
  return { action: existing.replace(/\r\n/g, '\n') === text ? 'unchanged' : 'differs', text };
}

/** "… pins an older release than PM Zone writes: actions/checkout 11bd719… # v4.2.2 → v7.0.1 (line 25)", for both front ends. */
export function outdatedWorkflowMessage(pins: readonly PinUpdate[], mergeQueue = false): string {
  const moves = pins.map((pin) => `${pin.repository} ${pin.from.replace(/^([0-9a-f]{7})[0-9a-f]{33}/, '$1…')} → ${pin.to} (line ${pin.line})`).join('; ');
  const said = pins.length > 0 ? [`${WORKFLOW_PATH} pins an older release than PM Zone writes: ${moves}. Older actions may run on a Node that GitHub's runners no longer have`] : [];
  if (mergeQueue) said.push(`${pins.length > 0 ? 'It' : WORKFLOW_PATH} does not run in the merge queue (merge_group): a branch that queues merges and requires the gate waits on a check that never comes`);
  return said.join('. ');
}

const PULL_REQUEST_TYPES = /^( {2}pull_request:\r?\n {4}types: \[[^\]\n]*\]\r?\n)/m;
const OLD_CONCURRENCY = /^( {2}group: pm-zone-review-\$\{\{ github\.event\.pull_request\.number) \}\}(\r?)$/m;

/**
 * An earlier `ci init`'s workflow with the merge queue's trigger added where
 * `ci init` writes it (and its concurrency group told apart per queued
 * group); any other shape, or one that has it, is returned as it is.
 */
function withMergeQueue(existing: string): string {
  if (/^\s*merge_group\s*:/m.test(existing) || !PULL_REQUEST_TYPES.test(existing)) return existing;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const trigger = ['  # The merge queue: the queued change is judged as its pull request was.', '  merge_group:', '    types: [checks_requested]', ''].join(eol);
  return existing.replace(PULL_REQUEST_TYPES, `$1${trigger}`).replace(OLD_CONCURRENCY, '$1 || github.ref }}$2');
}

/** What to write for an existing workflow once the engineer has chosen: only its pins moved, or the whole current workflow. */
export function workflowText(write: WorkflowWrite, choice: 'update' | 'replace'): string {
  return choice === 'update' && write.action === 'outdated' ? write.updated : write.text;
}

/** What a PM sends the engineer who adds the gate: the exact steps, with the repository's package manager, nothing to look up. */
export function ciGateRequest(manager: Pick<PackageManager, 'oneOff'> = DEFAULT_PACKAGE_MANAGER): string {
  return [
    'Could you add PM Zone\'s review gate to this repository, so PM pull requests are checked on GitHub too?',
    '',
    `1. Run \`${manager.oneOff} ci init\` (or "PM Zone: Add the CI gate" in VS Code): it writes ${WORKFLOW_PATH}.`,
    '2. Commit it to the default branch.',
    '3. In the branch protection (or ruleset) of the default branch, require the "PM PR Review" check.',
  ].join('\n');
}

/**
 * Why a pilot PM does not write the workflow, and the request to send
 * instead; undefined for anyone else. A workflow runs with the repository's
 * token on every pull request: it is an engineer's file, whether or not the
 * zone names workflows. Both front ends ask this before writing anything.
 */
export function pilotMayNotWriteWorkflow(policy: RepositoryPolicy, manager: Pick<PackageManager, 'oneOff'> = DEFAULT_PACKAGE_MANAGER): { message: string; request: string } | undefined {
  if (!policy.identity.known) return undefined;
  const answer = policy.zoneOf(WORKFLOW_PATH);
  const rule = answer.reasons.find((reason) => reason.line !== null && !isOwnersReason(reason, answer));
  const owners = answer.owners.length > 0 ? `, owned by ${answer.owners.join(' ')}` : '';
  const why = answer.zone === 'locked'
    ? `engineering-only for PMs (${rule ? reasonLocation(rule) : policy.zone.file}${owners})`
    : `a file that runs with the repository's token on every pull request${owners}`;
  const dri = policy.author?.engineeringDri;
  return {
    message: `the CI gate is a GitHub workflow, ${WORKFLOW_PATH}, which is ${why}: an engineer adds it. Ask your engineering DRI${dri ? ` (${dri})` : ''} to add it`,
    request: ciGateRequest(manager),
  };
}

/**
 * Said to a pilot PM instead of the request when the last commit already
 * holds the workflow, with pins PM Zone still writes: there is nothing to
 * ask engineering to add. Undefined when there is (none committed, or one
 * whose pins are outdated).
 */
export function gateAlreadyCommitted(committed: string | undefined, manager: Pick<PackageManager, 'exec'> = DEFAULT_PACKAGE_MANAGER): string | undefined {
  if (committed === undefined || outdatedPins(committed).length > 0) return undefined;
  return `The CI gate is already committed (${WORKFLOW_PATH}): there is nothing to ask engineering to add. Whether GitHub requires it on the default branch, \`${manager.exec} controls\` says.`;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
