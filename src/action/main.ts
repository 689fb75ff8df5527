// The PM PR Review as a GitHub Action (action.yml → dist/action.js). A thin
// front end like the CLI and the editor: it reads the runner's environment
// through GitHub's Actions toolkit, runs the core's gate, and reports where
// reviewers look: annotations, the job summary, one sticky comment, outputs
// and the exit code.

import * as actions from '@actions/core';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isFork, queuedPullRequest, readMergeGroupEvent, readPullRequestEvent, runGate, STICKY_MARKER, type GateInputs, type GateOutcome, type GatePullRequest } from '../core/ci';
import { Git, writeRepositoryFile } from '../core/git';
import { judgeGateControls, readGateControls } from '../core/controls';
import { GitHubError, upsertStickyComment } from '../core/pr';
import type { RepositoryPolicy } from '../core/repository';
import { formatSarif, heapForChangeOf } from '../core/review';
import { version as PACKAGE_VERSION } from '../../package.json';

async function main(): Promise<void> {
  const inputs = readInputs();
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const eventPath = process.env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new Error('GITHUB_EVENT_PATH is not set: this action runs in a GitHub Actions job on a pull_request or merge_group event.');
  let payload: unknown;
  try {
    payload = JSON.parse(await fs.readFile(eventPath, 'utf8'));
  } catch (error) {
    throw new Error(`the event file ${eventPath} could not be read as JSON (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
  const github = { token: inputs.token, apiUrl: process.env.GITHUB_API_URL, userAgent: 'pm-zone-action' };
  const queue = readMergeGroupEvent(payload);
  if (queue && !queue.ok) throw new Error(queue.message);
  const queued = queue?.queued;
  const event = queued ? { ok: true as const, pullRequest: await queuedPullRequest(github, queued) } : readPullRequestEvent(payload);
  if (!event.ok) throw new Error(event.message);
  const pullRequest = event.pullRequest;

  const [owner, repo] = pullRequest.repository.split('/') as [string, string];
  const base = inputs.gate.base ?? queued?.baseBranch ?? pullRequest.baseRef;
  // In the merge queue the change is the group's own, since its parent commit (the branch and the entries ahead).
  const gate: GateInputs = queued && !inputs.gate.base ? { ...inputs.gate, base: queued.baseSha } : inputs.gate;
  if (queued) actions.info(`Merge queue: judging pull request #${queued.number} as queued, ${queued.baseSha.slice(0, 7)}..${queued.headSha.slice(0, 7)}.`);
  // Asked before the review starts; judged once the review has read the base branch's policy.
  const controlsRead = readGateControls(github, owner, repo, base);
  const controlsLine = async (policy: RepositoryPolicy) => {
    const controls = judgeGateControls(await controlsRead, base, policy);
    if (controls.notice) actions.info(controls.notice);
    return controls.line;
  };
  // A process of its own, as the command line's review: a pull request of thousands of files is reviewed with the heap held as it is there.
  // It writes no git configuration, so its Git reads it once, and git need not diff every line to say which files are binary (binaryByContent.ts).
  const outcome = await runGate(new Git(workspace, { readConfigOnce: true }), workspace, pullRequest, { ...gate, runUrl: runUrl(), controlsLine, onListed: heapForChangeOf });
  report(outcome);
  await writeSummary(outcome);
  if (inputs.sarif && outcome.review) await writeSarif(workspace, inputs.sarif, `${formatSarif(outcome.review, PACKAGE_VERSION)}\n`);
  // The pull request's comment holds its own review; the queue's run answers in its check.
  if (outcome.comment && inputs.comment && !queued) await comment(pullRequest, outcome.comment, inputs.token);
  if (outcome.result === 'failed') actions.setFailed(`PM PR Review: ${outcome.blockers} blocker${outcome.blockers === 1 ? '' : 's'}${inputs.gate.failOn === 'warning' ? ` and ${outcome.warnings} warning${outcome.warnings === 1 ? '' : 's'}` : ''}.`);
}

interface ActionInputs {
  gate: GateInputs;
  comment: boolean;
  token: string;
  sarif?: string;
}

/** Inside the checkout, written as any file PM Zone writes into a repository: a committed link there is replaced, never followed. */
async function writeSarif(workspace: string, file: string, text: string): Promise<void> {
  const relative = path.relative(workspace, path.resolve(workspace, file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) await fs.writeFile(file, text, 'utf8');
  else await writeRepositoryFile(workspace, relative, text, { mode: 'replace' });
}

/** This run's page on GitHub, whose log holds every annotation; undefined when the runner's variables do not name one plainly. */
function runUrl(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = process.env;
  if (!server || !/^https?:\/\/[^\s()<>]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository ?? '') || !/^\d+$/.test(run ?? '')) return undefined;
  return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${run}`;
}

function readInputs(): ActionInputs {
  const failOn = actions.getInput('fail-on') || 'blocker';
  if (failOn !== 'blocker' && failOn !== 'warning') throw new Error(`fail-on takes blocker or warning, not '${failOn}'.`);
  const flavor = actions.getInput('codeowners-flavor') || 'github';
  if (flavor !== 'github' && flavor !== 'gitlab') throw new Error(`codeowners-flavor takes github or gitlab, not '${flavor}'.`);
  const optional = (name: string) => actions.getInput(name) || undefined;
  return {
    gate: { base: optional('base'), policyFile: optional('policy-file'), skillFile: optional('skill-file'), codeownersFlavor: flavor, failOn },
    comment: (actions.getInput('comment') || 'true').toLowerCase() !== 'false',
    token: actions.getInput('token'),
    sarif: optional('sarif'),
  };
}

function report(outcome: GateOutcome): void {
  if (outcome.notice) actions.notice(outcome.notice, { title: 'PM PR Review' });
  for (const annotation of outcome.annotations) {
    const properties: actions.AnnotationProperties = {
      title: annotation.title,
      ...(annotation.file ? { file: annotation.file } : {}),
      ...(annotation.line ? { startLine: annotation.line } : {}),
      ...(annotation.column ? { startColumn: annotation.column } : {}),
    };
    if (annotation.level === 'error') actions.error(annotation.message, properties);
    else if (annotation.level === 'warning') actions.warning(annotation.message, properties);
    else actions.notice(annotation.message, properties);
  }
  actions.setOutput('blockers', outcome.blockers);
  actions.setOutput('warnings', outcome.warnings);
  actions.setOutput('result', outcome.result);
}

/** One comment, edited in place; a read-only token (a fork's) still leaves the annotations and the summary. */
async function comment(pullRequest: GatePullRequest, body: string, token: string): Promise<void> {
  const [owner, repo] = pullRequest.repository.split('/') as [string, string];
  try {
    const unavailable = '## ⚠️ PM PR Review\n\nThe latest review could not be written in this comment, so it no longer holds the current result: the **PM PR Review** check on this pull request does.\n';
    const posted = await upsertStickyComment({ owner, repo, number: pullRequest.number, marker: STICKY_MARKER, unavailable }, body, {
      token,
      apiUrl: process.env.GITHUB_API_URL,
      userAgent: 'pm-zone-action',
    });
    actions.info(`PM PR Review comment ${posted.outcome}: ${posted.url}`);
  } catch (error) {
    const why = error instanceof GitHubError ? error.summary : String(error);
    const fork = isFork(pullRequest) ? ' Pull requests from forks get a read-only token.' : '';
    actions.warning(`Could not comment on the pull request: ${why}${fork} The annotations and the job summary hold the review.`, { title: 'PM PR Review' });
  }
}

async function writeSummary(outcome: GateOutcome): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await actions.summary.addRaw(outcome.summary).write();
}

main().then(
  () => undefined,
  (error: unknown) => actions.setFailed(`PM PR Review could not run: ${error instanceof Error ? error.message : String(error)}`),
);
