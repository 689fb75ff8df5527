// Reading a CODEOWNERS text into rules and GitHub-style problems. An invalid
// line is reported and skipped; the rest of the file still applies. Never
// throws: garbage in gives problems out.

import { withoutCR } from '../text/lines';
import type { Problem, TextFix } from '../types';
import { binaryProblem, isTooLarge, looksBinary, tooLargeProblem, utf8ByteLength } from './file-checks';
import { parseSectionHeading, type SectionHeading } from './gitlab-section';
import { tokenizeOwners, tokenizeRuleLine, type Token } from './line-tokens';
import type { CodeownersFlavor, CodeownersRule, GitlabSection, ParsedCodeowners } from './model';
import { isValidOwner } from './owners';
import { compilePattern, type CompiledPattern } from './pattern';
import { rememberPatterns } from './rule-patterns';

export interface ParseOptions {
  /** Repository-relative path of the file, for problems and results. */
  file?: string;
  /** `gitlab` only when asked: sections are never guessed from a GitHub file. */
  flavor?: CodeownersFlavor;
}

export function parseCodeowners(text: string, options: ParseOptions = {}): ParsedCodeowners {
  const flavor: CodeownersFlavor = options.flavor === 'gitlab' ? 'gitlab' : 'github';
  const file = options.file ?? (flavor === 'gitlab' ? 'CODEOWNERS' : '.github/CODEOWNERS');
  const parsed: ParsedCodeowners = { file, flavor, rules: [], sections: [], problems: [] };
  const source = typeof text === 'string' ? text : '';
  const unreadable = unreadableFileProblem(source, file);
  if (unreadable) {
    parsed.problems.push(unreadable);
    return parsed;
  }

  const lines = splitLines(source);
  let section: GitlabSection | undefined;
  const compiled: CompiledPattern[] = [];
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index];
    const line = withoutCR(raw);
    const lineNumber = index + 1;
    const report: Report = (token, kind, message, fix) => {
      parsed.problems.push({
        file, line: lineNumber, column: token.column, endColumn: token.endColumn, severity: 'error', kind, message,
        ...(fix ? { fix } : {}),
      });
    };

    const heading = parseSectionHeading(line);
    if (flavor === 'gitlab' && heading) {
      if ('error' in heading) {
        report({ text: line, column: heading.at + 1, endColumn: line.length + 1 }, 'invalid-section', `Invalid section heading: ${heading.error}. The rules below stay in the previous section.`);
        continue;
      }
      section = readSection(heading, line, lineNumber, report);
      parsed.sections.push(section);
      continue;
    }

    const read = readRuleLine(line, lineNumber, flavor, heading !== undefined && !('error' in heading), report);
    if (!read) continue;
    if (section) read.rule.section = section.name;
    compiled.push(read.pattern);
    parsed.rules.push(read.rule);
  }
  rememberPatterns(parsed.rules, compiled);
  Object.defineProperty(parsed, PARSED_TEXT, { value: source });
  return parsed;
}

/**
 * The text each parse read, so that a cache can keep it in place of the
 * rules (stored-parse.ts). A property no copy, JSON or comparison sees, and
 * by a shared symbol, as the guard's bundle caches what another bundle
 * parsed.
 */
const PARSED_TEXT = Symbol.for('pm-zone.codeowners.parsed-text');

/** The text `parsed` was read from, when this process parsed it. */
export function parsedText(parsed: ParsedCodeowners): string | undefined {
  const text = (parsed as { [PARSED_TEXT]?: unknown })[PARSED_TEXT];
  return typeof text === 'string' ? text : undefined;
}

type Report = (token: Token, kind: string, message: string, fix?: TextFix) => void;

/**
 * The lines a CODEOWNERS text's rules are read from (line n at index n - 1,
 * `\r` still at their ends), or undefined for a file refused whole (too
 * large, binary), which has no rules.
 */
export function ruleLines(text: string): string[] | undefined {
  return unreadableFileProblem(text, '') ? undefined : splitLines(text);
}

function splitLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
}

/** The rule of one GitHub line as the parse reads it (undefined for a blank, comment or invalid line), its problems left out. */
export function githubRuleAt(line: string, lineNumber: number): { rule: CodeownersRule; pattern: CompiledPattern } | undefined {
  return readRuleLine(line, lineNumber, 'github', false, ignoreProblem);
}

const ignoreProblem: Report = () => undefined;

/** A file too large or binary is refused whole, as GitHub does. */
function unreadableFileProblem(source: string, file: string): Problem | undefined {
  const bytes = utf8ByteLength(source);
  if (isTooLarge(bytes)) return tooLargeProblem(file, bytes);
  if (looksBinary(source)) return binaryProblem(file);
  return undefined;
}

/**
 * One rule line: its rule and compiled pattern, or undefined when it is blank,
 * a comment, or invalid (each problem of an invalid line reported: the line is ignored).
 * `looksLikeSection`: a valid GitLab section heading in a GitHub file, named in the problem.
 */
function readRuleLine(line: string, lineNumber: number, flavor: CodeownersFlavor, looksLikeSection: boolean, report: Report): { rule: CodeownersRule; pattern: CompiledPattern } | undefined {
  const tokens = tokenizeRuleLine(line);
  if (!tokens) return undefined;
  let valid = true;
  const check = compilePattern(tokens.pattern.text, { allowEscapedLeadingHash: flavor === 'gitlab' });
  if (!check.ok) {
    valid = false;
    const pattern = tokens.pattern;
    if (check.suggestion !== undefined) {
      report(pattern, 'invalid-pattern', `The pattern ${quote(pattern.text)} will never match anything, did you mean ${quote(check.suggestion)} instead?`, {
        title: `Replace ${quote(pattern.text)} with ${quote(check.suggestion)}`,
        start: { line: lineNumber, column: pattern.column },
        end: { line: lineNumber, column: pattern.endColumn },
        text: check.suggestion,
      });
    } else {
      const gitlabHint = flavor === 'github' && looksLikeSection ? ' GitLab section headings are not supported by GitHub.' : '';
      report(pattern, 'invalid-pattern', `Invalid pattern ${quote(pattern.text)}: ${check.reason}. This line is ignored.${gitlabHint}`);
    }
  }
  for (const owner of tokens.owners) {
    if (isValidOwner(owner.text, flavor)) continue;
    valid = false;
    report(owner, 'invalid-owner', invalidOwnerMessage(owner.text, flavor, 'This line is ignored.'));
  }
  if (!valid || !check.ok) return undefined;
  return { rule: { pattern: tokens.pattern.text, owners: tokens.owners.map((owner) => owner.text), line: lineNumber }, pattern: check.pattern };
}

function readSection(
  heading: SectionHeading,
  line: string,
  lineNumber: number,
  report: (token: Token, kind: string, message: string) => void,
): GitlabSection {
  // A heading with a bad default owner still opens its section, so the rules
  // below it are not silently moved into the previous one.
  const defaultOwners: string[] = [];
  for (const owner of tokenizeOwners(line, heading.ownersFrom)) {
    if (isValidOwner(owner.text, 'gitlab')) defaultOwners.push(owner.text);
    else report(owner, 'invalid-owner', invalidOwnerMessage(owner.text, 'gitlab', 'It is not a default owner of this section.'));
  }
  return {
    name: heading.name,
    line: lineNumber,
    optional: heading.optional,
    // An optional section requires no approval; a required one needs one unless it says how many.
    approvals: heading.optional ? 0 : heading.approvals ?? 1,
    defaultOwners,
  };
}

function invalidOwnerMessage(owner: string, flavor: CodeownersFlavor, consequence: string): string {
  const forms = flavor === 'gitlab' ? '`@username`, `@group`, `@group/subgroup`, `@@role` or an e-mail address' : '`@username`, `@org/team-name` or an e-mail address';
  return `Invalid owner ${quote(owner)}: an owner is ${forms}. ${consequence}`;
}

/** A token in backticks, shortened so a huge token does not flood the message. */
function quote(token: string): string {
  const shown = token.length > 60 ? `${token.slice(0, 57)}...` : token;
  return `\`${shown}\``;
}
