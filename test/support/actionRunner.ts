// What the GitHub runner hands a JavaScript action on a pull_request event:
// the payload file, empty summary and output files, and the environment
// (GITHUB_*, INPUT_*). Shared by the action's tests and its benchmark.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PullRequestEventOptions {
  branch: string;
  author?: string;
  labels?: string[];
  body?: string;
  draft?: boolean;
}

/** A `pull_request` (synchronize) payload for pull request #1 of acme/shop. */
export function pullRequestEvent(options: PullRequestEventOptions): object {
  return {
    action: 'synchronize',
    number: 1,
    pull_request: {
      number: 1,
      user: { login: options.author ?? 'alice' },
      labels: (options.labels ?? ['pm-authored']).map((name) => ({ name })),
      body: options.body ?? '',
      draft: options.draft ?? false,
      base: { ref: 'main', sha: 'x', repo: { full_name: 'acme/shop' } },
      head: { ref: options.branch, sha: 'y', repo: { full_name: 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop' },
  };
}

export interface RunnerFiles {
  eventPath: string;
  summaryPath: string;
  outputPath: string;
}

/** Writes the event (a payload, or a file's text as is) and empty summary and output files into `dir`. */
export function runnerFiles(dir: string, event: object | string): RunnerFiles {
  const files = { eventPath: join(dir, 'event.json'), summaryPath: join(dir, 'summary.md'), outputPath: join(dir, 'output.txt') };
  writeFileSync(files.eventPath, typeof event === 'string' ? event : JSON.stringify(event));
  writeFileSync(files.summaryPath, '');
  writeFileSync(files.outputPath, '');
  return files;
}

/** The runner's environment on top of `base`; `inputs` as the action's inputs (`fail-on` → INPUT_FAIL-ON). */
export function runnerEnv(base: NodeJS.ProcessEnv, run: { workspace: string; files: RunnerFiles; apiUrl: string; token: string; inputs?: Record<string, string> }): NodeJS.ProcessEnv {
  const inputs = { token: run.token, comment: 'true', 'fail-on': 'blocker', ...run.inputs };
  return {
    ...base,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: run.workspace,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: run.files.eventPath,
    GITHUB_STEP_SUMMARY: run.files.summaryPath,
    GITHUB_OUTPUT: run.files.outputPath,
    GITHUB_API_URL: run.apiUrl,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
}
