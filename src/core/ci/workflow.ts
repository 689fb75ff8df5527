// The workflow `pm-zone ci init` (and "PM Zone: Add the CI gate") writes: the
// gate on every pull request event that can change its answer, with the
// least permissions it needs and actions pinned to versions.

export const WORKFLOW_PATH = '.github/workflows/pm-zone-review.yml';
export const ACTION_REPOSITORY = 'pm-zone/pm-zone';
export const ACTION_VERSION = 'v1';
/** actions/checkout, pinned to a release's commit as GitHub's hardening guide advises. */
const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';

export interface WorkflowOptions {
  /** Inputs that differ from the action's defaults, written as `with:` lines. */
  policyFile?: string;
  skillFile?: string;
  codeownersFlavor?: 'github' | 'gitlab';
}

export function ciWorkflow(options: WorkflowOptions = {}): string {
  const inputs = [
    options.policyFile ? `          policy-file: ${quote(options.policyFile)}` : undefined,
    options.skillFile ? `          skill-file: ${quote(options.skillFile)}` : undefined,
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
    '',
    'permissions:',
    '  contents: read',
    '  pull-requests: write',
    '',
    'concurrency:',
    '  group: pm-zone-review-${{ github.event.pull_request.number }}',
    '  cancel-in-progress: true',
    '',
    'jobs:',
    '  review:',
    '    name: PM PR Review',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 10',
    '    steps:',
    `      - uses: ${CHECKOUT}`,
    '        with:',
    '          # The whole history: the policy is read at the merge base with the base branch.',
    '          fetch-depth: 0',
    '          persist-credentials: false',
    `      - uses: ${ACTION_REPOSITORY}@${ACTION_VERSION}`,
    ...(inputs.length > 0 ? ['        with:', ...inputs] : []),
    '',
  ].join('\n');
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
