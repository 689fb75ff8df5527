// "Who owns this path?" over a parsed CODEOWNERS file. GitHub: the last
// matching rule wins. GitLab: the same within each section, and every
// matching section contributes its owners.

import { pushTo } from '../groups';
import type { CodeownersFlavor, CodeownersRule, GitlabSection, OwnersLookup, OwnersMatch, ParsedCodeowners } from './model';
import { splitPath, type CompiledPattern } from './pattern';
import { patternAt, patternsOf } from './rule-patterns';
import { RuleIndex, type IndexedRule } from './rule-index';
import { RuleScan } from './rule-scan';
import { storedText, TextScan } from './stored-parse';

export interface CodeownersMatcher extends OwnersLookup {
  /** The file the rules come from. */
  readonly file: string;
  readonly flavor: CodeownersFlavor;
  /** Owners of a repository-relative path (`/`-separated; leading, trailing and doubled `/` are ignored). */
  ownersOf(path: string): OwnersMatch;
}

interface RuleFacts {
  rule: CodeownersRule;
  /** Undefined for a rule that does not compile (edited after parsing): it never matches. */
  pattern: CompiledPattern | undefined;
  /** The rule's owners, or for an owner-less GitLab rule its section's default owners. */
  owners: readonly string[];
}

interface SectionGroup {
  name: string;
  optional: boolean;
  approvals: number;
  index: RuleIndex<RuleFacts>;
}

/**
 * How lookups find the winning rule: `scan` from the last rule up (cheap for
 * a few paths), `index` compiles every rule first (cheap for many), and
 * `adaptive` scans until the rules it went through would have paid for the
 * index. The three give the same answers; tests ask for each.
 */
export type LookupStrategy = 'adaptive' | 'scan' | 'index';

/** Rules gone through by scans, as a multiple of the rule count, past which the index is built. */
const SCANS_BEFORE_INDEX = 4;

/** GitLab's name for the rules written before any section heading. */
const UNNAMED_SECTION = 'codeowners';

export function compileCodeowners(parsed: ParsedCodeowners, strategy: LookupStrategy = 'adaptive'): CodeownersMatcher {
  if (parsed.flavor === 'gitlab') return compileGitlab(parsed, allFacts(parsed));
  let index: RuleIndex<RuleFacts> | undefined;
  // A parse read back from a cache is scanned in its text, and its rules are not parsed unless the index is built.
  const stored = storedText(parsed);
  const scan = strategy === 'index' ? undefined : stored ? new TextScan(parsed, stored) : ruleScan(parsed.rules);
  const winnerOf = (path: string): CodeownersRule | undefined => {
    const segments = splitPath(path);
    if (scan && !index && (strategy === 'scan' || scan.scanned <= SCANS_BEFORE_INDEX * scan.size)) return scan.find(path, segments);
    index ??= new RuleIndex(toIndexed(allFacts(parsed)));
    return index.find(segments)?.payload.rule;
  };
  return {
    file: parsed.file,
    flavor: parsed.flavor,
    ownersOf(path: string): OwnersMatch {
      const rule = winnerOf(path);
      if (!rule) return noMatch();
      return { owners: [...rule.owners], line: rule.line, file: parsed.file, pattern: rule.pattern };
    },
  };
}

function ruleScan(rules: readonly CodeownersRule[]): RuleScan<CodeownersRule> {
  return new RuleScan(rules, (at) => patternAt(rules, at, 'github'));
}

function allFacts(parsed: ParsedCodeowners): RuleFacts[] {
  const patterns = patternsOf(parsed.rules, parsed.flavor);
  return parsed.rules.map((rule, index): RuleFacts => ({ rule, pattern: patterns[index], owners: rule.owners }));
}

function compileGitlab(parsed: ParsedCodeowners, facts: readonly RuleFacts[]): CodeownersMatcher {
  const groups = groupBySection(parsed.sections, facts);
  return {
    file: parsed.file,
    flavor: parsed.flavor,
    ownersOf(path: string): OwnersMatch {
      const segments = splitPath(path);
      const sections: NonNullable<OwnersMatch['sections']> = [];
      const owners: string[] = [];
      let last: CodeownersRule | undefined;
      for (const group of groups) {
        const winner = group.index.find(segments);
        if (!winner) continue;
        const { rule, owners: ruleOwners } = winner.payload;
        sections.push({ name: group.name, owners: [...ruleOwners], line: rule.line, pattern: rule.pattern, optional: group.optional, approvals: group.approvals });
        for (const owner of ruleOwners) if (!owners.includes(owner)) owners.push(owner);
        if (!last || rule.line > last.line) last = rule;
      }
      if (!last) return { ...noMatch(), sections };
      return { owners, line: last.line, file: parsed.file, pattern: last.pattern, sections };
    },
  };
}

/**
 * Sections by name, case-insensitively (GitLab combines sections with the
 * same name), in order of first appearance; the unnamed section first.
 */
function groupBySection(sections: readonly GitlabSection[], facts: readonly RuleFacts[]): SectionGroup[] {
  const headingsByLine = [...sections].sort((a, b) => a.line - b.line);
  const firstHeading = new Map<string, GitlabSection>();
  for (const heading of headingsByLine) {
    const key = heading.name.toLowerCase();
    if (!firstHeading.has(key)) firstHeading.set(key, heading);
  }

  const members = new Map<string, RuleFacts[]>();
  let headingIndex = -1;
  for (const fact of [...facts].sort((a, b) => a.rule.line - b.rule.line)) {
    const { rule } = fact;
    while (headingIndex + 1 < headingsByLine.length && headingsByLine[headingIndex + 1].line < rule.line) headingIndex++;
    const heading = headingIndex >= 0 ? headingsByLine[headingIndex] : undefined;
    const owners = rule.owners.length === 0 && heading ? heading.defaultOwners : rule.owners;
    const key = heading ? heading.name.toLowerCase() : UNNAMED_SECTION;
    pushTo(members, key, { ...fact, owners });
  }

  const groups: SectionGroup[] = [];
  for (const [key, rules] of members) {
    const heading = firstHeading.get(key);
    groups.push({
      name: heading?.name ?? UNNAMED_SECTION,
      optional: heading?.optional ?? false,
      approvals: heading?.approvals ?? 1,
      index: new RuleIndex(toIndexed(rules)),
    });
  }
  return groups;
}

function toIndexed(facts: readonly RuleFacts[]): IndexedRule<RuleFacts>[] {
  const indexed: IndexedRule<RuleFacts>[] = [];
  for (const fact of facts) {
    if (fact.pattern) indexed.push({ line: fact.rule.line, pattern: fact.pattern, payload: fact });
  }
  return indexed;
}

function noMatch(): OwnersMatch {
  return { owners: [], line: null, file: null, pattern: null };
}
