// Reads a `flags.yaml`: which flags it declares, who owns each, whether it is
// on and at what rollout. Shared by the flags checks, the editor and the PR composer.
import { LineCounter, isMap, isScalar, isSeq } from 'yaml';
import { parseYaml } from '../../text/yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Problem } from '../../types';
import { stripBom } from './contentSupport';

export interface FlagEntry {
  name: string;
  /** The `owner` written in the file (not the CLAUDE.md owner), or null. */
  owner: string | null;
  enabled: boolean | null;
  /** Rollout percentage, or null when absent or invalid (invalid ones are problems). */
  rollout: number | null;
  /** 1-based line of the flag's name. */
  line: number;
  /** Everything written for the flag as plain data, to tell whether a change touched it. */
  value: unknown;
}

export interface ParsedFlagsFile {
  flags: FlagEntry[];
  problems: Problem[];
}

/** Keys that hold a rollout percentage, in the spellings flag files use. */
export const ROLLOUT_KEYS: readonly string[] = ['rollout', 'rollout_percentage', 'percentage'];

/**
 * Accepts three shapes: `flags:` holding a map of flags, `flags:` holding a
 * list of `{ name, ... }`, or the flags map at the top level. In the
 * top-level shape, scalar entries other than booleans are taken as file
 * metadata (`version: 2`), not flags.
 */
export function parseFlagsFile(text: string, file = 'flags.yaml'): ParsedFlagsFile {
  const source = stripBom(text);
  const lineCounter = new LineCounter();
  const document = parseYaml(source, { lineCounter, uniqueKeys: true });
  const reader = new FlagsReader(source, file, lineCounter);
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const position = error.linePos?.[0] ?? { line: 1, col: 1 };
      reader.problem(position.line, position.col, 'yaml-syntax', `Not valid YAML: ${firstSentence(error.message)}.`);
    }
    return { flags: [], problems: reader.problems };
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { flags: [], problems: [] };
  if (isMap(root)) {
    const flagsPair = root.items.find((pair) => keyText(pair) === 'flags');
    if (flagsPair) reader.readContainer(flagsPair.value as Node | null, keyNode(flagsPair));
    else reader.readMap(root, true);
  } else {
    reader.readContainer(root, root);
  }
  return { flags: reader.flags, problems: reader.problems };
}

class FlagsReader {
  readonly flags: FlagEntry[] = [];
  readonly problems: Problem[] = [];

  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  readContainer(container: Node | null, owner: Node | null): void {
    if (container === null || (isScalar(container) && container.value === null)) return;
    if (isMap(container)) this.readMap(container, false);
    else if (isSeq(container)) this.readList(container.items as (Node | null)[]);
    else this.problemAt(owner ?? container, 'unexpected-shape', 'Expected `flags` to hold a map or a list of flags.');
  }

  readMap(map: YAMLMap, topLevel: boolean): void {
    for (const pair of map.items) {
      const name = keyText(pair);
      const key = keyNode(pair);
      const value = pair.value as Node | null;
      if (name === undefined || key === null) continue;
      const isFlagLike = value === null || isMap(value) || (isScalar(value) && (value.value === null || typeof value.value === 'boolean'));
      if (!isFlagLike) {
        if (!topLevel) this.problemAt(key, 'unexpected-shape', `Flag \`${name}\` should be a map with owner, enabled and rollout.`);
        continue;
      }
      this.addFlag(name, key, value);
    }
  }

  readList(items: (Node | null)[]): void {
    const seen = new Set<string>();
    for (const item of items) {
      if (!isMap(item)) {
        if (item) this.problemAt(item, 'unexpected-shape', 'Each entry of `flags` should be a map with a `name`.');
        continue;
      }
      const namePair = item.items.find((pair) => keyText(pair) === 'name');
      const name = namePair && isScalar(namePair.value) ? String(namePair.value.value ?? '') : '';
      if (name === '') {
        this.problemAt(item, 'unnamed-flag', 'This flag has no `name`.');
        continue;
      }
      if (seen.has(name)) this.problemAt(namePair?.value as Node, 'duplicate-flag', `Flag \`${name}\` is listed twice.`);
      seen.add(name);
      this.addFlag(name, namePair?.value as Node, item);
    }
  }

  private addFlag(name: string, at: Node, settings: Node | null): void {
    const entry: FlagEntry = {
      name,
      owner: null,
      enabled: null,
      rollout: null,
      line: this.positionOf(at).line,
      value: settings === null ? null : settings.toJSON(),
    };
    if (isScalar(settings) && typeof settings.value === 'boolean') entry.enabled = settings.value;
    if (isMap(settings)) {
      for (const pair of settings.items) {
        const key = keyText(pair);
        const value = pair.value as Node | null;
        if (key === 'owner' && isScalar(value) && value.value !== null) entry.owner = String(value.value);
        if (key === 'enabled' && isScalar(value) && typeof value.value === 'boolean') entry.enabled = value.value;
        if (key !== undefined && ROLLOUT_KEYS.includes(key)) entry.rollout = this.rollout(name, pair, value);
      }
    }
    this.flags.push(entry);
  }

  private rollout(flag: string, pair: Pair, value: Node | null): number | null {
    const number = isScalar(value) ? value.value : undefined;
    if (typeof number === 'number' && Number.isFinite(number) && number >= 0 && number <= 100) return number;
    const written = value?.range ? this.source.slice(value.range[0], value.range[1]).trim() : '';
    const found = written === '' ? 'nothing' : `\`${written.length > 40 ? `${written.slice(0, 40)}…` : written}\``;
    this.problemAt(keyNode(pair) ?? value, 'invalid-rollout', `Rollout of flag \`${flag}\` must be a number from 0 to 100, found ${found}.`);
    return null;
  }

  problemAt(node: Node | null, kind: string, message: string): void {
    const { line, column } = node ? this.positionOf(node) : { line: 1, column: 1 };
    this.problem(line, column, kind, message);
  }

  problem(line: number, column: number, kind: string, message: string): void {
    this.problems.push({ file: this.file, line, column, severity: 'error', kind, message });
  }

  private positionOf(node: Node): { line: number; column: number } {
    const position = this.lineCounter.linePos(node.range?.[0] ?? 0);
    return { line: position.line, column: position.col };
  }
}

function keyNode(pair: Pair): Node | null {
  return (pair.key as Node | null) ?? null;
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  return isScalar(key) && key.value !== null ? String(key.value) : undefined;
}

/** yaml's messages go on with " at line 3, column 1:" and a code excerpt; the editor shows its own. */
function firstSentence(message: string): string {
  return message.split(/ at line \d+, column \d+/)[0].split('\n')[0].replace(/\.$/, '');
}
