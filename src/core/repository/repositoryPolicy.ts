import type { FileSource, Problem } from '../types';
import { locateCodeowners, parseCodeowners, type ParsedCodeowners } from '../codeowners';
import { parseZonePolicy, unenforcedGlobs, type ZonePolicy } from '../policy';
import { unmatchedGlobs } from '../policy/unmatchedGlobs';
import type { PolicyFileEntry } from '../policy/zoneModel';
import { canReadFlagsOf } from '../review/checks/flagFileKinds';
import { buildRepositoryPolicy, type RepositoryPolicy } from './assemble';
import { withNamesInRepository } from './namesInRepository';
import { MAX_IMPORTED_FILES, resolvePolicyFiles } from './policyFiles';
import { MAX_POLICY_FILE_BYTES } from '../policy/parseZonePolicy';
import type { PolicySettings } from './settings';
import { ambiguousZoneMessage, zoneLocation, type ZoneLocation } from './zoneLocation';

export { buildRepositoryPolicy, type RepositoryPolicy } from './assemble';

/** What the policy files say, parsed: everything a RepositoryPolicy is built from. */
export interface PolicySources {
  zone: ZonePolicy;
  /** Absent when the repository has no CODEOWNERS, or it could not be loaded. */
  codeowners?: ParsedCodeowners;
  /** A CODEOWNERS that was found but not loaded (too large, binary). */
  codeownersProblem?: Problem;
  /** Every policy file: the named ones, where their links lead, what CLAUDE.md imports. */
  policyFiles: PolicyFileEntry[];
}

export async function loadRepositoryPolicy(files: FileSource, settings: PolicySettings, reading: PolicyReading = {}): Promise<RepositoryPolicy> {
  const { zone, codeowners, codeownersProblem, policyFiles } = await parsePolicySources(files, settings, reading);
  return buildRepositoryPolicy(settings, await withNamesInRepository(zone, files), codeowners, codeownersProblem, policyFiles);
}

export interface PolicyReading {
  /** False for a question the zone alone answers (who the PM is): CODEOWNERS is then neither read nor parsed. */
  codeowners?: boolean;
}

/** Reads and parses the zone where zoneLocation finds it (through a link, where it is one) and CODEOWNERS, and finds every policy file. */
export async function parsePolicySources(files: FileSource, settings: PolicySettings, reading: PolicyReading = {}): Promise<PolicySources> {
  const location = await zoneLocation(files, settings);
  const [policyFiles, located] = await Promise.all([
    resolvePolicyFiles(files, settings, location.file),
    reading.codeowners === false ? undefined : locateCodeowners(files, { flavor: settings.codeownersFlavor }),
  ]);
  const policyText = policyFiles.zoneText;
  const zone = parseZonePolicy(policyText ?? '', location.file);
  // Present but not text: say so on the file, instead of reading it as "no PM zone" in silence.
  if (policyText === undefined && policyFiles.zonePath !== undefined && (await files.size?.(policyFiles.zonePath)) !== undefined) zone.problems.push(unreadablePolicyProblem(location.file));
  if (policyFiles.tooManyImports) narrowForImports(zone);
  await keepOtherLocks(files, location, zone);
  if (location.how === 'ambiguous') narrowForTwoZones(zone, location.holders);
  const codeowners = located && 'text' in located
    ? parseCodeowners(located.text, { file: located.path, flavor: settings.codeownersFlavor })
    : undefined;
  const codeownersProblem = located && 'problem' in located ? located.problem : undefined;
  return { zone, ...(codeowners ? { codeowners } : {}), ...(codeownersProblem ? { codeownersProblem } : {}), policyFiles: policyFiles.entries };
}

/**
 * `pmZone.policyFile` travels with a repository (a committed
 * `.vscode/settings.json`), so a PM could point it at a file they wrote with
 * a looser zone. Whichever file it names, the engineering-only globs of
 * every instruction file that has a zone (CLAUDE.md, AGENTS.md…) still lock:
 * another policy file can add locks and PM-editable globs, never lift
 * theirs. Two instruction files with zones both lock the same way.
 */
async function keepOtherLocks(files: FileSource, location: ZoneLocation, zone: ZonePolicy): Promise<void> {
  for (const other of location.holders) {
    if (other === location.file) continue;
    const size = await files.size?.(other);
    if (size !== undefined && size > MAX_POLICY_FILE_BYTES) continue;
    const text = await files.readText(other);
    if (text === undefined) continue;
    const theirs = parseZonePolicy(text, other);
    zone.engineeringOnly.push(...theirs.engineeringOnly.map((rule) => ({ ...rule, file: other })));
    // Whoever either file names as a pilot is held to the zone: a pilot listed only in the other file is not let through.
    if (location.how === 'ambiguous') zone.pilots.push(...theirs.pilots.filter((pilot) => !zone.pilots.some((known) => known.handle.toLowerCase() === pilot.handle.toLowerCase())));
  }
}

/** Zones in two instruction files: not a guess between them; nothing is PM-editable until one is left. */
function narrowForTwoZones(zone: ZonePolicy, holders: readonly string[]): void {
  zone.mayEdit = [];
  zone.problems.push({ file: zone.file, line: zone.line ?? 1, column: 1, severity: 'error', kind: 'two-zones', message: ambiguousZoneMessage(holders) });
}

/** Imports past the cap are policy files nobody can name: nothing is PM-editable until there are fewer. */
function narrowForImports(zone: ZonePolicy): void {
  zone.mayEdit = [];
  zone.problems.push({
    file: zone.file, line: 1, column: 1, severity: 'error', kind: 'too-many-imports',
    message: `${zone.file} imports more than ${MAX_IMPORTED_FILES.toLocaleString('en-US')} files with @path; each is a policy file, and those past the limit cannot be followed, so nothing is PM-editable. Import fewer files.`,
  });
}

function unreadablePolicyProblem(file: string): Problem {
  return {
    file, line: 1, column: 1, severity: 'error', kind: 'binary-file',
    message: `${file} is not a text file PM Zone can read (it holds NUL bytes and no UTF-16 byte order mark), so no PM zone is read and nothing is PM-editable. Save it as UTF-8.`,
  };
}

/** "Owned flags only" on files whose flags PM Zone cannot read: the qualifier would promise a check that never runs. */
function uncheckableOwnedFlags(zone: RepositoryPolicy['zone']): Problem[] {
  return zone.mayEdit
    .filter((rule) => rule.qualifiers.includes('owned-flags-only') && !canReadFlagsOf(rule.glob))
    .map((rule) => ({
      file: zone.file, line: rule.line, column: 1, severity: 'warning', kind: 'uncheckable-qualifier',
      message: `\`${rule.glob}\` (owned flags only): PM Zone reads flags from YAML, JSON, and TypeScript or JavaScript objects and enums, so it cannot check who owns the flags in these files; the review warns on every change to them instead. Name the flag files themselves (\`**/flags.yaml\`, \`src/flags.ts\`).`,
    }));
}

/** Problems that are engineering's to fix and a PM cannot act on: a boundary CODEOWNERS does not enforce. */
const ENGINEERING_ONLY_KINDS: ReadonlySet<string> = new Set(['unenforced', 'no-codeowners', 'matches-nothing']);

/**
 * The problems for whoever reads them: an identified pilot PM sees what is
 * wrong with the rules, not engineering's to-do list ("unenforced"
 * boundaries), which goes to engineers and to `check-config`.
 */
export function problemsFor(policy: RepositoryPolicy, problems: readonly Problem[]): Problem[] {
  return policy.author ? problems.filter((problem) => !ENGINEERING_ONLY_KINDS.has(problem.kind)) : [...problems];
}

/**
 * `check-config`: what CLAUDE.md's zone and CODEOWNERS say that cannot be
 * understood, is not enforced, or matches nothing. `complete: false` when
 * `repositoryPaths` was cut short: then no glob is said to match nothing.
 */
export function configProblems(policy: RepositoryPolicy, repositoryPaths: string[], options: { complete?: boolean } = {}): Problem[] {
  const problems: Problem[] = [...policy.zone.problems];
  if (policy.codeowners) problems.push(...policy.codeowners.problems);
  if (policy.codeownersProblem) problems.push(policy.codeownersProblem);
  if (policy.zone.defined) {
    problems.push(...uncheckableOwnedFlags(policy.zone));
    if (!policy.owners && policy.zone.engineeringOnly.length > 0) {
      problems.push({
        file: policy.zone.file, line: policy.zone.line ?? 1, column: 1, severity: 'warning', kind: 'no-codeowners',
        message: 'No CODEOWNERS file: the engineering-only globs are convention, not enforcement. Add .github/CODEOWNERS with an owner for each.',
      });
    } else {
      problems.push(...unenforcedGlobs(policy.zone, policy.owners, repositoryPaths));
    }
    if (options.complete !== false) problems.push(...unmatchedGlobs(policy.zone, repositoryPaths));
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
