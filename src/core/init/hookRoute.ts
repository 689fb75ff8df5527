// The committed route of the pre-commit review, the one that reaches every
// clone (a hook in .git/hooks never leaves the machine it was installed on):
// the line in the team's hook manager's own file (husky, lefthook, the
// pre-commit framework, simple-git-hooks, a tracked hooks folder), or, with
// none, a package.json script that installs the native hook on every
// install. YAML through `yaml` and JSON through jsonc-parser, so the team's
// comments and layout stay as they are.
import { applyEdits, modify, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import type { HookManager } from '../git/hookManagers';
import type { PackageManager } from '../repository/packageManager';

export interface RouteWrite {
  file: string;
  /** The file's new text; undefined when PM Zone cannot write it safely and `advice` says what to add by hand. */
  text?: string;
  /** Already there: nothing to write. */
  unchanged?: boolean;
  /** What the route does, in one sentence, or what to add by hand. */
  note: string;
}

/** A committed hook manager's file with the review line added (or what to add by hand). */
export function managerRoute(manager: HookManager, existing: string | undefined, line: string, options: { huskyV8?: boolean } = {}): RouteWrite {
  if (existing?.includes('pm-zone review')) return { file: manager.file, unchanged: true, note: `${manager.file} already runs PM Zone's review.` };
  switch (manager.name) {
    case 'husky':
    case 'tracked-hooks': {
      const header = existing === undefined ? (options.huskyV8 ? '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n' : '') : '';
      const body = existing === undefined ? '' : existing.endsWith('\n') || existing === '' ? existing : `${existing}\n`;
      return { file: manager.file, text: `${header}${body}${line}\n`, note: `${manager.file} runs the review for every commit of every clone (whoever the PM zone does not bind passes with one line).` };
    }
    case 'lefthook':
      return manager.file.endsWith('.json') || manager.file.endsWith('.toml') ? byHand(manager) : yamlRoute(manager, existing ?? '', (document) => {
        document.setIn(['pre-commit', 'commands', 'pm-zone', 'run'], line);
      });
    case 'pre-commit':
      return yamlRoute(manager, existing ?? '', (document) => {
        const hook = { repo: 'local', hooks: [{ id: 'pm-zone', name: 'PM PR Review', entry: line, language: 'system', pass_filenames: false, always_run: true }] };
        const repos = document.get('repos');
        if (isSeq(repos)) repos.add(document.createNode(hook));
        else document.set('repos', document.createNode([hook]));
      });
    case 'simple-git-hooks': {
      if (!manager.file.endsWith('.json') || !readsAsJson(existing ?? '{}')) return byHand(manager);
      const key = manager.file === 'package.json' ? ['simple-git-hooks', 'pre-commit'] : ['pre-commit'];
      const current = readJsonPath(existing ?? '{}', key);
      const command = typeof current === 'string' && current.trim() !== '' ? `${current} && ${line}` : line;
      return { file: manager.file, text: jsonWith(existing ?? '{}', key, command), note: `${manager.file} runs the review through simple-git-hooks; each clone applies it with \`npx simple-git-hooks\` (usually its own prepare script).` };
    }
  }
}

/** With no hook manager: package.json's install script installs the native hook on every install of the project. */
export function installScriptRoute(packageJson: string, manager: Pick<PackageManager, 'installScript'>): RouteWrite {
  const script = manager.installScript;
  const command = 'pm-zone hook install --prepare';
  // A package.json that does not parse is never edited: an edit could only land in the wrong place.
  if (!readsAsJson(packageJson)) return { file: 'package.json', note: `package.json does not parse as JSON, so PM Zone wrote nothing to it: fix it, or add "${script}": "${command}" to its scripts by hand.` };
  const current = readJsonPath(packageJson, ['scripts', script]);
  if (typeof current === 'string' && current.includes('pm-zone hook install')) return { file: 'package.json', unchanged: true, note: `package.json's ${script} script already installs the hook.` };
  const value = typeof current === 'string' && current.trim() !== '' ? `${current} && ${command}` : command;
  return {
    file: 'package.json',
    text: jsonWith(packageJson, ['scripts', script], value),
    note: `package.json's "${script}" script installs the native hook in every clone on its next install (a hook in .git/hooks alone never leaves this machine).`,
  };
}

function byHand(manager: HookManager): RouteWrite {
  return { file: manager.file, note: manager.advice };
}

function yamlRoute(manager: HookManager, existing: string, edit: (document: Document) => void): RouteWrite {
  const parsed = parseDocument(existing);
  if (parsed.errors.length > 0 || !(parsed.contents === null || isMap(parsed.contents))) return byHand(manager);
  // A file with no mapping yet (empty, or comments only) starts one.
  const document: Document = parsed.contents === null ? new Document({}) : parsed;
  if (document !== parsed) document.commentBefore = parsed.commentBefore;
  edit(document);
  return { file: manager.file, text: document.toString(), note: `${manager.file} runs the review for every commit of every clone (whoever the PM zone does not bind passes with one line).` };
}

function readsAsJson(text: string): boolean {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  return errors.length === 0 && typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJsonPath(text: string, key: readonly string[]): unknown {
  let value: unknown = parseJsonc(text);
  for (const part of key) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function jsonWith(text: string, key: readonly string[], value: string): string {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const edits = modify(text, [...key], value, { formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' } });
  return applyEdits(text, edits);
}
