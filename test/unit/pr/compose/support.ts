// Builders for the composer's tests: the sample repository's policy files as
// fixtures, changes made by hand, and a review run for real on them (the
// review is pure too), so the composer sees what it sees in use.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCodeowners } from '../../../../src/core/codeowners';
import { parseZonePolicy } from '../../../../src/core/policy';
import { composePullRequest, type ComposedPullRequest, type ComposeInput } from '../../../../src/core/pr';
import { buildRepositoryPolicy, DEFAULT_SETTINGS, type RepositoryPolicy } from '../../../../src/core/repository';
import { parseSkillFile, reviewChange, type Change, type ChangedFile, type CommitInfo, type ReviewOutcome } from '../../../../src/core/review';
import type { FileSource, Finding } from '../../../../src/core/types';

const FIXTURES = path.join(__dirname, 'fixtures');
export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
export const planningFixture = (name: string): string => readFileSync(path.join(__dirname, '../../../fixtures/planning', name), 'utf8');

export interface PolicyOptions {
  regulated?: boolean;
  /** The PM asking; default alice. Null: nobody known. */
  email?: string | null;
  claudeMd?: string;
  codeowners?: string | null;
}

export function policyOf(options: PolicyOptions = {}): RepositoryPolicy {
  let claude = options.claudeMd ?? fixture('CLAUDE.md');
  if (options.regulated) claude = claude.replace('Mode: standard\n', 'Mode: regulated\nProduct DRI: @erin\n');
  const email = options.email === undefined ? 'alice@acme.test' : options.email ?? undefined;
  const codeowners = options.codeowners === null ? undefined : parseCodeowners(options.codeowners ?? fixture('CODEOWNERS'), { file: '.github/CODEOWNERS', flavor: 'github' });
  return buildRepositoryPolicy({ ...DEFAULT_SETTINGS, email }, parseZonePolicy(claude, 'CLAUDE.md'), codeowners);
}

export function memoryFiles(files: Record<string, string>): FileSource {
  return { readText: async (relPath) => files[relPath] };
}

export function edited(filePath: string, oldText: string | undefined, newText: string | undefined, extra: Partial<ChangedFile> = {}): ChangedFile {
  const status = oldText === undefined ? 'added' : newText === undefined ? 'deleted' : 'modified';
  return { path: filePath, status, oldText, newText, ...extra };
}

export function commit(subject: string, files: string[], trailers: { key: string; value: string }[] = [], sha = '1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d'): CommitInfo {
  return { sha, subject, body: '', trailers, files };
}

export const CLAUDE_TRAILER = { key: 'Co-authored-by', value: 'Claude <noreply@anthropic.com>' };

export const EN_BEFORE = '{\n  "checkout": { "placeOrder": "Place order" }\n}\n';
export const EN_AFTER = '{\n  "checkout": { "placeOrder": "Confirm order" }\n}\n';
export const EN = 'src/features/checkout/i18n/en.json';
export const PLANNING = 'src/features/checkout/PLANNING.md';

export interface Scenario {
  files?: ChangedFile[];
  commits?: CommitInfo[];
  policy?: RepositoryPolicy;
  /** Extra files the review may read (other locales, planning docs). */
  disk?: Record<string, string>;
  ticked?: ReadonlySet<string>;
  /** The skill file's text; the fixture's by default. */
  skill?: string;
}

/** A change with a filled-in planning doc and a copy edit, the way a PM's branch looks. */
export function copyChange(overrides: Partial<Scenario> = {}): Required<Omit<Scenario, 'ticked' | 'skill'>> & { ticked: ReadonlySet<string> } {
  const planning = planningFixture('filled-standard.md');
  return {
    files: overrides.files ?? [edited(PLANNING, undefined, planning), edited(EN, EN_BEFORE, EN_AFTER)],
    commits: overrides.commits ?? [commit('Checkout: say "Confirm order"', [PLANNING, EN])],
    policy: overrides.policy ?? policyOf(),
    disk: overrides.disk ?? {},
    ticked: overrides.ticked ?? new Set(),
  };
}

export async function review(scenario: Scenario): Promise<{ outcome: ReviewOutcome; change: Change; policy: RepositoryPolicy }> {
  const policy = scenario.policy ?? policyOf();
  const change: Change = { mode: 'branch', files: scenario.files ?? [], commits: scenario.commits ?? [], base: 'main', head: 'alice/checkout-copy' };
  const disk = { ...Object.fromEntries(change.files.filter((f) => f.newText !== undefined).map((f) => [f.path, f.newText as string])), ...scenario.disk };
  const outcome = await reviewChange({
    change,
    policy,
    checklist: parseSkillFile(scenario.skill ?? fixture('SKILL.md')),
    files: memoryFiles(disk),
    options: { maxFiles: 10, maxLines: 300 },
    ticked: scenario.ticked ?? new Set(),
  });
  return { outcome, change, policy };
}

export const REMOTE = { host: 'github.com', owner: 'acme', repo: 'shop' };

/** Reviews the scenario for real, then composes; `input` overrides any compose field. */
export async function composed(scenario: Scenario = copyChange(), input: Partial<ComposeInput> = {}): Promise<ComposedPullRequest> {
  const { outcome, change, policy } = await review(scenario);
  const planningFile = change.files.find((file) => file.path.endsWith('PLANNING.md') && file.newText !== undefined);
  return composePullRequest({
    review: outcome,
    policy,
    change,
    remote: REMOTE,
    head: 'alice/checkout-copy',
    base: 'main',
    ticked: scenario.ticked ?? new Set(),
    ...(planningFile ? { planning: { path: planningFile.path, text: planningFile.newText as string } } : {}),
    ...input,
  });
}

/** A review outcome made by hand, for findings no real change would produce in one go. */
export function outcomeWith(findings: Finding[], base: ReviewOutcome): ReviewOutcome {
  return { ...base, result: { ...base.result, findings } };
}

/** The text of one `## heading` section of a body, up to the next one. */
export function section(body: string, heading: string): string {
  const start = body.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`no section "${heading}" in:\n${body}`);
  const next = body.indexOf('\n## ', start + 3);
  return body.slice(start, next < 0 ? undefined : next);
}
