import type { FileSource, Problem, Zone } from '../types';
import { compileCodeowners, locateCodeowners, parseCodeowners, type CodeownersMatcher, type ParsedCodeowners } from '../codeowners';
import { parseZonePolicy, resolveIdentity, resolveZone, unenforcedGlobs, type Identity, type Pilot, type ZoneAnswer, type ZonePolicy } from '../policy';
import type { PolicyFileEntry } from '../policy/zoneModel';
import { folderZone } from './folderZone';
import { MAX_IMPORTED_FILES, policyFilePaths, resolvePolicyFiles } from './policyFiles';
import type { PolicySettings } from './settings';

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
  /** Files that define the rules: always locked to PMs (see policyFiles.ts). */
  policyFiles: readonly PolicyFileEntry[];
  zoneOf(path: string): ZoneAnswer;
  /** The zone of a folder when everything inside it shares it (only `locked` is decided), else undefined. */
  zoneOfFolder(path: string): Zone | undefined;
}

export async function loadRepositoryPolicy(files: FileSource, settings: PolicySettings): Promise<RepositoryPolicy> {
  const [policyFiles, located] = await Promise.all([
    resolvePolicyFiles(files, settings),
    locateCodeowners(files, { flavor: settings.codeownersFlavor }),
  ]);
  const policyText = policyFiles.zoneText;
  const zone = parseZonePolicy(policyText ?? '', settings.policyFile);
  // Present but not text: say so on the file, instead of reading it as "no PM zone" in silence.
  if (policyText === undefined && policyFiles.zonePath !== undefined && (await files.size?.(policyFiles.zonePath)) !== undefined) zone.problems.push(unreadablePolicyProblem(settings.policyFile));
  if (policyFiles.tooManyImports) narrowForImports(zone);
  const codeowners = located && 'text' in located
    ? parseCodeowners(located.text, { file: located.path, flavor: settings.codeownersFlavor })
    : undefined;
  return buildRepositoryPolicy(settings, zone, codeowners, located && 'problem' in located ? located.problem : undefined, policyFiles.entries);
}

/** Imports past the cap are policy files nobody can name: nothing is PM-editable until there are fewer. */
function narrowForImports(zone: ZonePolicy): void {
  zone.mayEdit = [];
  zone.problems.push({
    file: zone.file, line: 1, column: 1, severity: 'error', kind: 'too-many-imports',
    message: `${zone.file} imports more than ${MAX_IMPORTED_FILES.toLocaleString('en-US')} files with @path; each is a policy file, and those past the limit cannot be followed, so nothing is PM-editable. Import fewer files.`,
  });
}

export function buildRepositoryPolicy(
  settings: PolicySettings,
  zone: ZonePolicy,
  codeowners: ParsedCodeowners | undefined,
  codeownersProblem?: Problem,
  policyFiles: readonly PolicyFileEntry[] = policyFilePaths(settings),
): RepositoryPolicy {
  const owners = codeowners ? compileCodeowners(codeowners) : undefined;
  const identity = resolveIdentity(zone, { handle: settings.handle, email: settings.email });
  const author = identity.known ? identity.pilot : undefined;
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
