import type { FileSource, Problem, Zone } from '../types';
import { compileCodeowners, locateCodeowners, parseCodeowners, CODEOWNERS_LOCATIONS, type CodeownersMatcher, type ParsedCodeowners } from '../codeowners';
import { DEFAULT_POLICY_FILES, parseZonePolicy, resolveIdentity, resolveZone, unenforcedGlobs, type Identity, type Pilot, type ZoneAnswer, type ZonePolicy } from '../policy';
import { canReadFlagsOf } from '../review/checks/flagLists';
import { folderZone } from './folderZone';
import { PLANNING_TEMPLATE_FILE, type PolicySettings } from './settings';

/**
 * Everything PM Zone knows about one repository's rules, read once from its
 * policy files and then asked many times (the explorer asks for every row).
 */
export interface RepositoryPolicy {
  settings: PolicySettings;
  zone: ZonePolicy;
  /** Absent when the repository has no CODEOWNERS (or it could not be loaded). */
  codeowners?: ParsedCodeowners;
  owners?: CodeownersMatcher;
  /** A CODEOWNERS that was found but not loaded (too large, binary). */
  codeownersProblem?: Problem;
  /** The PM asking, when their handle or e-mail matches a pilot. */
  author?: Pilot;
  /** Who PM Zone takes the asker to be, or exactly why it cannot tell. */
  identity: Identity;
  /** Files that define the rules: always locked to PMs. */
  policyFiles: readonly string[];
  zoneOf(path: string): ZoneAnswer;
  /** The zone of a folder when everything inside it shares it (only `locked` is decided), else undefined. */
  zoneOfFolder(path: string): Zone | undefined;
}

export async function loadRepositoryPolicy(files: FileSource, settings: PolicySettings): Promise<RepositoryPolicy> {
  const [policyText, located] = await Promise.all([
    files.readText(settings.policyFile),
    locateCodeowners(files, { flavor: settings.codeownersFlavor }),
  ]);
  const zone = parseZonePolicy(policyText ?? '', settings.policyFile);
  // Present but not text: say so on the file, instead of reading it as "no PM zone" in silence.
  if (policyText === undefined && (await files.size?.(settings.policyFile)) !== undefined) zone.problems.push(unreadablePolicyProblem(settings.policyFile));
  const codeowners = located && 'text' in located
    ? parseCodeowners(located.text, { file: located.path, flavor: settings.codeownersFlavor })
    : undefined;
  return buildRepositoryPolicy(settings, zone, codeowners, located && 'problem' in located ? located.problem : undefined);
}

export function buildRepositoryPolicy(
  settings: PolicySettings,
  zone: ZonePolicy,
  codeowners: ParsedCodeowners | undefined,
  codeownersProblem?: Problem,
): RepositoryPolicy {
  const owners = codeowners ? compileCodeowners(codeowners) : undefined;
  const identity = resolveIdentity(zone, { handle: settings.handle, email: settings.email });
  const author = identity.known ? identity.pilot : undefined;
  const policyFiles = policyFilesOf(settings);
  // The explorer asks for the same paths again and again; answers only change with the policy.
  const answers = new Map<string, ZoneAnswer>();
  const context = { policy: zone, owners, author, policyFiles };
  const zoneOf = (path: string): ZoneAnswer => {
    let answer = answers.get(path);
    if (!answer) {
      answer = resolveZone(path, context);
      answers.set(path, answer);
    }
    return answer;
  };
  return {
    settings, zone, codeowners, owners, codeownersProblem, author, identity, policyFiles, zoneOf,
    zoneOfFolder: (path) => folderZone(path, zone.file, zoneOf),
  };
}

function unreadablePolicyProblem(file: string): Problem {
  return {
    file, line: 1, column: 1, severity: 'error', kind: 'binary-file',
    message: `${file} is not a text file PM Zone can read (it holds NUL bytes and no UTF-16 byte order mark), so no PM zone is read and nothing is PM-editable. Save it as UTF-8.`,
  };
}

function policyFilesOf(settings: PolicySettings): string[] {
  const configured = [settings.policyFile, settings.skillFile, settings.planningTemplate ?? PLANNING_TEMPLATE_FILE, ...CODEOWNERS_LOCATIONS.github, ...CODEOWNERS_LOCATIONS.gitlab];
  return [...new Set([...DEFAULT_POLICY_FILES, ...configured])];
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
const ENGINEERING_ONLY_KINDS: ReadonlySet<string> = new Set(['unenforced', 'no-codeowners']);

/**
 * The problems for whoever reads them: an identified pilot PM sees what is
 * wrong with the rules, not engineering's to-do list ("unenforced"
 * boundaries), which goes to engineers and to `check-config`.
 */
export function problemsFor(policy: RepositoryPolicy, problems: readonly Problem[]): Problem[] {
  return policy.author ? problems.filter((problem) => !ENGINEERING_ONLY_KINDS.has(problem.kind)) : [...problems];
}

/** `check-config`: what CLAUDE.md's zone and CODEOWNERS say that cannot be understood or is not enforced. */
export function configProblems(policy: RepositoryPolicy, repositoryPaths: string[]): Problem[] {
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
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
