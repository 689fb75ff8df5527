// The end-of-pilot readout: per pilot PM, the seed's four numbers over the
// pilot's pull requests against a baseline of the features shipped just
// before it the old way, and the decision rule stated plainly. Every number
// comes with the pull requests it came from; a number with no data is null,
// never zero.

import { Minimatch } from 'minimatch';
import type { Git } from '../git';
import { readBlobs } from '../git';
import { readPrimaryMetric, type PrimaryMetric } from '../planning/primaryMetric';
import { GLOB_OPTIONS } from '../policy/compileZonePolicy';
import { findPilot } from '../policy';
import type { RepositoryPolicy } from '../repository';
import { auditTrail, isPmAuthored } from './auditTrail';
import { readEnergy } from '../pr/compose/energy';
import { reviewCycles } from '../pr/github/reviewCycles';
import { commitThatAdded, firstCodeCommit, mapLimited, planningDocsOf, readMerges, type Merge } from './history';
import type { ListedPullRequest, PullRequestRecord } from './pullRequests';

const DAY_MS = 86_400_000;
/** "The four most recent features shipped before the start." */
const BASELINE_SIZE = 4;

export const METRIC_KEYS = ['ideaToFirstCommitDays', 'reviewCycles', 'cycleTimeDays', 'energy'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
export type Metrics = Record<MetricKey, number | null>;

export interface MeasuredPullRequest extends Metrics {
  number: number;
  title: string;
  url: string;
  author: string;
  role: 'pilot' | 'baseline';
  /** The pilot whose pull request, or whose baseline, this is. */
  pilot: string;
  openedAt: string;
  mergedAt: string | null;
  planningPath: string | null;
  /** The first commit of the PLANNING.md (the idea) and the first commit of code. */
  ideaAt: string | null;
  firstCodeAt: string | null;
  primaryMetric: PrimaryMetric | null;
  /** Reviews tagged compliance (`[compliance]`, `#compliance` or `compliance:`). */
  complianceFindings: number;
}

export interface PilotReadout {
  handle: string;
  pullRequests: number[];
  metrics: Metrics;
  baseline: Metrics & { pullRequests: number[] };
}

export type CriterionId = 'idea-to-first-commit' | 'review-cycles' | 'energy' | 'primary-metric';

export interface Criterion {
  id: CriterionId;
  /** Null when the data to decide is missing: it does not count as met. */
  met: boolean | null;
  says: string;
}

export type Decision = 'success' | 'iterate' | 'roll back';

export interface Readout {
  repository: string;
  start: string;
  /** The first day after the pilot. */
  end: string;
  weeks: number;
  pilots: PilotReadout[];
  pullRequests: MeasuredPullRequest[];
  criteria: Criterion[];
  criteriaMet: number;
  decision: Decision;
  /** Regulated mode only: audit-trail completeness over the pilot's pull requests, and compliance findings. */
  regulated: { auditCompleteness: number | null; complianceFindings: number } | null;
}

export interface ReadoutInputs {
  git: Git;
  policy: RepositoryPolicy;
  repository: string;
  /** Every pull request of the repository, as listed (no reviews yet). */
  listed: readonly ListedPullRequest[];
  /** Asks GitHub for the reviews of the pull requests the readout measures, and only those. */
  withReviews: (pulls: readonly ListedPullRequest[]) => Promise<PullRequestRecord[]>;
  start: string;
  weeks: number;
  /** The baseline, when the team names it; else the four most recent merged pull requests in each pilot's feature folders before the start. */
  baselinePrs?: readonly number[];
  until: string;
}

export async function pilotReadout(inputs: ReadoutInputs): Promise<Readout> {
  const { git, policy } = inputs;
  const start = Date.parse(inputs.start);
  const end = start + inputs.weeks * 7 * DAY_MS;
  const root = inputs.listed[0]?.url.replace(/\/pull\/\d+$/, '') ?? '';
  const commitUrl = (sha: string) => `${root}/commit/${sha}`;

  const pilotPulls = inputs.listed.filter((pull) => isPmAuthored(pull, policy) && Date.parse(pull.openedAt) >= start && Date.parse(pull.openedAt) < end).sort((a, b) => a.number - b.number);
  const handles = [...new Set([...policy.zone.pilots.map((pilot) => pilot.handle), ...pilotPulls.map((pull) => pull.author)].map((handle) => handle.toLowerCase()))];
  const handleOf = (author: string) => findPilot(policy.zone, { handle: author })?.handle.toLowerCase() ?? author.toLowerCase();
  const merges = await readMerges(git, pilotPulls.flatMap((pull) => (pull.mergeCommitSha ? [pull.mergeCommitSha] : [])), commitUrl, { skipMissing: true });
  const docs = await planningDocsOf(git, merges);

  const baselines = new Map<string, ListedPullRequest[]>();
  for (const handle of handles) {
    const own = pilotPulls.filter((pull) => handleOf(pull.author) === handle);
    baselines.set(handle, inputs.baselinePrs
      ? inputs.listed.filter((pull) => inputs.baselinePrs!.includes(pull.number))
      : await recentFeatures(inputs, start, featureFolders(inputs, handle, own, merges, docs), merges));
  }
  const baselinePulls = [...new Map([...baselines.values()].flat().map((pull) => [pull.number, pull])).values()];
  const missingMerges = baselinePulls.flatMap((pull) => (pull.mergeCommitSha && !merges.has(pull.mergeCommitSha) ? [pull.mergeCommitSha] : []));
  for (const [sha, merge] of await readMerges(git, missingMerges, commitUrl, { skipMissing: true })) merges.set(sha, merge);
  for (const [sha, doc] of await planningDocsOf(git, new Map([...merges].filter(([sha]) => !docs.has(sha))))) docs.set(sha, doc);

  const reviewed = new Map((await inputs.withReviews([...new Map([...pilotPulls, ...baselinePulls].map((pull) => [pull.number, pull])).values()])).map((pull) => [pull.number, pull]));
  const metricTexts = await readBlobs(git, [...docs.values()].flatMap((doc) => (doc ? [`${inputs.until}:${doc.path}`] : [])));
  const measure = async (pull: ListedPullRequest, role: MeasuredPullRequest['role'], pilot: string): Promise<MeasuredPullRequest> => {
    const record = reviewed.get(pull.number)!;
    const merge = pull.mergeCommitSha ? merges.get(pull.mergeCommitSha) : undefined;
    const doc = merge ? docs.get(merge.commit.sha) ?? null : null;
    const [idea, firstCodeAt] = merge ? await Promise.all([doc ? commitThatAdded(git, merge.commit.sha, doc.path, commitUrl) : null, firstCodeCommit(git, merge.commit.sha)]) : [null, null];
    // The result is written after launch: read the planning doc as it is now, else as it was merged.
    const current = doc ? metricTexts.get(`${inputs.until}:${doc.path}`)?.text ?? doc.text : undefined;
    return {
      number: pull.number, title: pull.title, url: pull.url, author: pull.author, role, pilot, openedAt: pull.openedAt, mergedAt: pull.mergedAt,
      planningPath: doc?.path ?? null,
      ideaAt: idea?.date ?? null,
      firstCodeAt,
      ideaToFirstCommitDays: idea && firstCodeAt ? days(Date.parse(firstCodeAt) - Date.parse(idea.date)) : null,
      reviewCycles: cyclesOf(record),
      cycleTimeDays: pull.mergedAt ? days(Date.parse(pull.mergedAt) - Date.parse(pull.openedAt)) : null,
      energy: role === 'pilot' ? readEnergy(pull.body) : null,
      primaryMetric: current === undefined ? null : readPrimaryMetric(current),
      complianceFindings: record.reviews.filter((review) => /(^|\s)(\[compliance\]|#compliance\b|compliance:)/i.test(review.body)).length,
    };
  };

  const measured: MeasuredPullRequest[] = [];
  const pilots: PilotReadout[] = [];
  for (const handle of handles) {
    const own = await mapLimited(pilotPulls.filter((pull) => handleOf(pull.author) === handle), (pull) => measure(pull, 'pilot', handle));
    const baseline = await mapLimited(baselines.get(handle) ?? [], (pull) => measure(pull, 'baseline', handle));
    measured.push(...own, ...baseline);
    const display = policy.zone.pilots.find((pilot) => pilot.handle.toLowerCase() === handle)?.handle ?? own[0]?.author ?? handle;
    pilots.push({ handle: display, pullRequests: own.map((pull) => pull.number), metrics: means(own), baseline: { pullRequests: baseline.map((pull) => pull.number), ...means(baseline) } });
  }

  const pilotMeasures = measured.filter((pull) => pull.role === 'pilot');
  const baselineMeasures = [...new Map(measured.filter((pull) => pull.role === 'baseline').map((pull) => [pull.number, pull])).values()];
  const criteria = judge(means(pilotMeasures), means(baselineMeasures), pilotMeasures);
  const criteriaMet = criteria.filter((criterion) => criterion.met === true).length;
  const regulated = policy.zone.mode === 'regulated'
    ? {
      auditCompleteness: (await auditTrail({ git, policy, repository: inputs.repository, pullRequests: pilotPulls.map((pull) => reviewed.get(pull.number)!), until: inputs.until })).completeness,
      complianceFindings: pilotMeasures.reduce((sum, pull) => sum + pull.complianceFindings, 0),
    }
    : null;
  return {
    repository: inputs.repository,
    start: isoDay(start),
    end: isoDay(end),
    weeks: inputs.weeks,
    pilots,
    pullRequests: measured,
    criteria,
    criteriaMet,
    decision: criteriaMet === 4 ? 'success' : criteriaMet === 3 ? 'iterate' : 'roll back',
    regulated,
  };
}

/** The seed's rule: idea-to-first-commit down at least 30%, review cycles not up, energy at least 3, the metric moved as expected. */
function judge(pilot: Metrics, baseline: Metrics, pulls: readonly MeasuredPullRequest[]): Criterion[] {
  const idea: Criterion = pilot.ideaToFirstCommitDays === null || baseline.ideaToFirstCommitDays === null || baseline.ideaToFirstCommitDays <= 0
    ? { id: 'idea-to-first-commit', met: null, says: `idea to first commit: ${missingSide(pilot.ideaToFirstCommitDays, baseline.ideaToFirstCommitDays)}` }
    : {
      id: 'idea-to-first-commit',
      met: pilot.ideaToFirstCommitDays <= baseline.ideaToFirstCommitDays * 0.7,
      says: `idea to first commit ${daysWords(pilot.ideaToFirstCommitDays)} against ${baseline.ideaToFirstCommitDays} (${percentChange(pilot.ideaToFirstCommitDays, baseline.ideaToFirstCommitDays)}; the rule asks for 30% down)`,
    };
  const cycles: Criterion = pilot.reviewCycles === null || baseline.reviewCycles === null
    ? { id: 'review-cycles', met: null, says: `review cycles: ${missingSide(pilot.reviewCycles, baseline.reviewCycles)}` }
    : { id: 'review-cycles', met: pilot.reviewCycles <= baseline.reviewCycles, says: `review cycles ${pilot.reviewCycles} per pull request against ${baseline.reviewCycles} (the rule asks for no more)` };
  const energy: Criterion = pilot.energy === null
    ? { id: 'energy', met: null, says: 'energy: no PM answered "How did shipping this feel, 1–5?" in a pull request' }
    : { id: 'energy', met: pilot.energy >= 3, says: `energy ${pilot.energy} of 5 on average (the rule asks for 3 or more)` };
  const docs = [...new Map(pulls.filter((pull) => pull.planningPath).map((pull) => [pull.planningPath, pull.primaryMetric])).entries()];
  const unknown = docs.filter(([, metric]) => metric?.moved === null || metric?.moved === undefined).map(([path]) => path);
  const metric: Criterion = docs.length === 0 || unknown.length > 0
    ? { id: 'primary-metric', met: null, says: docs.length === 0 ? 'primary metric: no planning doc to read it from' : `primary metric: no result recorded (or no number, baseline or direction to compare) in ${unknown.join(', ')}` }
    : { id: 'primary-metric', met: docs.every(([, moved]) => moved!.moved === true), says: `primary metric moved as expected in ${docs.filter(([, moved]) => moved!.moved).length} of ${docs.length} planning docs` };
  return [idea, cycles, energy, metric];
}

function missingSide(pilot: number | null, baseline: number | null): string {
  if (pilot === null && baseline === null) return 'no data for the pilot or the baseline';
  return pilot === null ? 'no data for the pilot' : baseline === null ? 'no data for the baseline' : 'the baseline is zero: no change can be a percentage of it';
}

function percentChange(now: number, before: number): string {
  const change = Math.round(((now - before) / before) * 100);
  return change <= 0 ? `${-change}% down` : `${change}% up`;
}

/** The review cycles of a merged pull request (`reviewCycles`); null for one not merged, whose count can still grow. */
function cyclesOf(pull: PullRequestRecord): number | null {
  return pull.mergedAt ? reviewCycles(pull.reviews, pull.headSha) : null;
}

/** The mean of each metric over the pull requests that have it; null when none has. */
export function means(pulls: readonly Metrics[]): Metrics {
  const mean = (key: MetricKey) => {
    const values = pulls.map((pull) => pull[key]).filter((value): value is number => value !== null);
    return values.length === 0 ? null : round(values.reduce((sum, value) => sum + value, 0) / values.length);
  };
  return { ideaToFirstCommitDays: mean('ideaToFirstCommitDays'), reviewCycles: mean('reviewCycles'), cycleTimeDays: mean('cycleTimeDays'), energy: mean('energy') };
}

/** The pilot's feature folders as CLAUDE.md names them, else the folders of their planning docs. */
function featureFolders(inputs: ReadoutInputs, handle: string, own: readonly ListedPullRequest[], merges: ReadonlyMap<string, Merge>, docs: ReadonlyMap<string, { path: string } | null>): Minimatch[] {
  const pilot = inputs.policy.zone.pilots.find((candidate) => candidate.handle.toLowerCase() === handle);
  const globs = pilot?.featureFolders.length
    ? pilot.featureFolders
    : own.flatMap((pull) => {
      const doc = pull.mergeCommitSha && merges.has(pull.mergeCommitSha) ? docs.get(pull.mergeCommitSha) : null;
      return doc ? [`${doc.path.replace(/\/?PLANNING\.md$/, '')}/**`] : [];
    });
  return globs.map((glob) => new Minimatch(glob, GLOB_OPTIONS));
}

/** The most recent merged pull requests before the start, not a PM's, that touched the feature folders: the old model's features. */
async function recentFeatures(inputs: ReadoutInputs, start: number, folders: readonly Minimatch[], known: Map<string, Merge>): Promise<ListedPullRequest[]> {
  if (folders.length === 0) return [];
  const candidates = inputs.listed
    .filter((pull) => pull.mergedAt && pull.mergeCommitSha && Date.parse(pull.mergedAt) < start && !isPmAuthored(pull, inputs.policy))
    .sort((a, b) => Date.parse(b.mergedAt!) - Date.parse(a.mergedAt!));
  const chosen: ListedPullRequest[] = [];
  const root = candidates[0]?.url.replace(/\/pull\/\d+$/, '') ?? '';
  for (let from = 0; from < candidates.length && chosen.length < BASELINE_SIZE; from += 100) {
    const batch = candidates.slice(from, from + 100);
    const merges = await readMerges(inputs.git, batch.map((pull) => pull.mergeCommitSha!), (sha) => `${root}/commit/${sha}`, { skipMissing: true });
    for (const [sha, merge] of merges) known.set(sha, merge);
    for (const pull of batch) {
      const files = merges.get(pull.mergeCommitSha!)?.files ?? [];
      if (chosen.length < BASELINE_SIZE && files.some((file) => folders.some((folder) => folder.match(file)))) chosen.push(pull);
    }
  }
  return chosen;
}

function daysWords(value: number): string {
  return `${value} day${value === 1 ? '' : 's'}`;
}

function days(ms: number): number {
  return round(ms / DAY_MS);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
