// Reading a command's arguments as getopt does (operands, options and their
// values, abbreviated long options), and the words that name files as targets.
import * as path from 'node:path';
import type { ShellWord } from './shellWords';
import type { ShellTarget, WriteEffect } from './shellWrites';

/** The operands: words that are not options, nor the values of the options in `valued`; everything after `--`. */
export function operands(args: ShellWord[], valued: string[] = []): ShellWord[] {
  const found: ShellWord[] = [];
  for (let at = 0; at < args.length; at++) {
    const text = args[at].text;
    if (text === '--') return [...found, ...args.slice(at + 1)];
    if (takesNextWord(text, valued)) at++;
    else if (!text.startsWith('-') || text === '-') found.push(args[at]);
  }
  return found;
}

/** The value of the first of `names` given: `-t DIR`, `-tDIR`, `-rt DIR`, `--target-directory=DIR`, `--target DIR`. */
export function optionValue(args: ShellWord[], names: string[], valued: string[] = names): ShellWord | undefined {
  for (let at = 0; at < args.length; at++) {
    const text = args[at].text;
    if (text === '--') return undefined;
    const [key, ...value] = text.split('=');
    if (names.some((name) => isOption(key, name))) return value.length > 0 && key.startsWith('--') ? { ...args[at], text: value.join('=') } : args[at + 1];
    if (!/^-[a-zA-Z]/.test(text)) continue;
    // A cluster of short flags: the first that takes a value takes the rest of the word, or the next word.
    for (let letter = 1; letter < text.length; letter++) {
      const option = `-${text[letter]}`;
      if (!valued.includes(option)) continue;
      if (!names.includes(option)) break;
      return letter + 1 < text.length ? { ...args[at], text: text.slice(letter + 1) } : args[at + 1];
    }
  }
  return undefined;
}

/** Whether an option word is followed by its value: one of `valued`, whole or abbreviated, or a short cluster ending in one. */
export function takesNextWord(text: string, valued: string[]): boolean {
  if (valued.some((name) => isOption(text, name))) return true;
  return /^-[a-zA-Z]{2,}$/.test(text) && valued.includes(`-${text[text.length - 1]}`) && ![...text.slice(1, -1)].some((letter) => valued.includes(`-${letter}`));
}

/** `text` is the option `name`, or a long option abbreviated as getopt takes it, to no less than its first word (`--target` for `--target-directory`). */
export function isOption(text: string, name: string): boolean {
  if (text === name) return true;
  return name.startsWith('--') && text.length >= name.indexOf('-', 2) && text.length > 2 && name.startsWith(text) && !text.endsWith('-');
}

/** A folder named as one: with its trailing slash, made or not. */
export function asFolder(word: ShellWord): ShellWord {
  return { ...word, text: word.text.replace(/\/*$/, '/') };
}

/**
 * Every value given to the option `-letter` or `long`: `-o F`, `-sSo F`
 * (flags bundled before it), `-oF`, `-sSoF`, `--output F`, `--output=F` (curl takes
 * `-o` once per URL, so each counts).
 */
export function valuesOf(args: ShellWord[], letter: string, long: string): ShellWord[] {
  const found: ShellWord[] = [];
  for (let at = 0; at < args.length; at++) {
    const { text } = args[at];
    if (text === '--') break;
    if (new RegExp(`^-[a-zA-Z]*${letter}$`).test(text) || isOption(text, long)) {
      if (args[at + 1]) found.push(args[++at]);
    } else if (!text.startsWith('--') && new RegExp(`^-[a-zA-Z]*?${letter}.`).test(text)) {
      // `-oF`, `-qO-`: flags bundled before it, and the rest of the word is its value.
      found.push({ ...args[at], text: text.slice(text.indexOf(letter, 1) + 1) });
    }
    else if (text.startsWith('--') && text.includes('=') && isOption(text.slice(0, text.indexOf('=')), long)) found.push({ ...args[at], text: text.slice(text.indexOf('=') + 1) });
  }
  return found;
}

/** A word as a target: unnamed when only the shell knows its value; none when it names a stream. */
export function target(word: ShellWord, effect: WriteEffect): ShellTarget[] {
  if (word.dynamic) return [{ path: word.text, effect, unnamed: word.text }];
  if (word.text === '' || word.text === '-') return [];
  // `~+` is the current folder; `~` the home folder, placed by the guard; `~user` and `~-` only the shell knows.
  const text = /^~\+(\/|$)/.test(word.text) ? `.${word.text.slice(2)}` : word.text;
  if (/^~(?!\/|$)/.test(text) || path.posix.normalize(text).startsWith('/dev/')) return [];
  return [{ path: text, effect, ...(word.glob ? { glob: true } : {}) }];
}

/** cp, mv, install, ln: the destination (last operand, or -t DIR); mv also removes its sources. */
export function copyTargets(args: ShellWord[], moves: boolean): ShellTarget[] {
  const valued = ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'];
  const targetDirectory = optionValue(args, ['-t', '--target-directory'], valued);
  const names = operands(args, valued);
  const sources = targetDirectory ? names : names.slice(0, -1);
  // A `-t` destination is a folder, made or not.
  const destination = targetDirectory ? { ...targetDirectory, text: targetDirectory.text.replace(/\/*$/, '/') } : names[names.length - 1];
  if (!destination || sources.length === 0) return [];
  const written = target(destination, 'write').map((t) => ({ ...t, sources: sources.map((source) => source.text) }));
  return moves ? [...written, ...sources.flatMap((source) => target(source, 'delete'))] : written;
}

/** A target with its relative paths joined to `base`, the folder the command runs in. */
export function rebased(target: ShellTarget, base: string): ShellTarget {
  if (target.top !== undefined) return { ...target, top: joinBase(base, target.top) };
  const sources = target.sources?.map((source) => joinBase(base, source));
  return { ...target, path: joinBase(base, target.path), ...(sources ? { sources } : {}) };
}

export function joinBase(base: string | undefined, next: string): string {
  if (isAbsolute(next)) return next;
  // `X/.` keeps its dot: `cp -r X/. dest` copies X's files, not X.
  return base ? `${path.posix.join(base, next)}${/(^|\/)\.$/.test(next) ? '/.' : ''}` : next;
}

/** Absolute, or from the home folder (`~/…`), which no `cd` changes. */
export function isAbsolute(word: string): boolean {
  return path.posix.isAbsolute(word) || path.win32.isAbsolute(word) || /^~(\/|$)/.test(word);
}
