import { readdirSync, readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'The core and the CLI are pure: take text and small ports, never the vscode API.' }],
  }],
};

/**
 * The editor's surfaces, read from the tree so that a new one is walled in
 * without editing this file: every folder of src/vscode/ but shared/, and
 * every file directly in src/vscode/ that registers one (exports a
 * `register…` function). What several surfaces need lives in
 * src/vscode/shared/, which imports no surface.
 */
const EDITOR = 'src/vscode';
const editorFolder = new URL(`./${EDITOR}/`, import.meta.url);
const entries = readdirSync(editorFolder, { withFileTypes: true });
const SURFACE_FOLDERS = entries.filter((entry) => entry.isDirectory() && entry.name !== 'shared').map((entry) => entry.name);
const SURFACE_FILES = entries
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && /^export (?:async )?function register[A-Z]/m.test(readFileSync(new URL(entry.name, editorFolder), 'utf8')))
  .map((entry) => entry.name.replace(/\.ts$/, ''));
const folders = SURFACE_FOLDERS.join('|');
const files = SURFACE_FILES.join('|');

const THROUGH_INDEX = 'Import another surface through its index.ts, or move what both need to src/vscode/shared/.';
const WIRED_BY_EXTENSION = 'Only src/extension.ts wires a surface: move what another file needs from it to src/vscode/shared/.';
const SHARED_IS_BELOW = 'src/vscode/shared/ holds what several surfaces use, so it imports none of them: move the helper to shared/ too.';

/** The rule for a file whose imports of the editor's top level start with `up` ('./' or '../'). */
function surfaceImports(up, { shared = false } = {}) {
  const at = up.replace(/\./g, '\\.');
  const patterns = shared
    ? [{ regex: `^${at}(?:${folders})(?:/.*)?$|^${at}(?:${files})$`, message: SHARED_IS_BELOW }]
    : [
        { regex: `^${at}(?:${folders})/(?!index$)[^/]+$`, message: THROUGH_INDEX },
        // A type (what api.ts hands the tests) may name a surface; a value import would wire it a second time.
        { regex: `^${at}(?:${files})$`, message: WIRED_BY_EXTENSION, allowTypeImports: true },
      ];
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', '.agent-clients/**', '.demo/**', 'node_modules/**', 'test/fixtures/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/action/**/*.ts'], rules: noVscode },
  // Within a surface, its own files import each other freely (./x); across surfaces only through index.
  { files: [`${EDITOR}/*.ts`], rules: surfaceImports('./') },
  { files: [`${EDITOR}/*/**/*.ts`], rules: surfaceImports('../') },
  { files: [`${EDITOR}/shared/**/*.ts`], rules: surfaceImports('../', { shared: true }) },
  { files: ['src/extension.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: `^\\./vscode/(?:${folders})/(?!index$)[^/]+$`, message: THROUGH_INDEX }] }] } },
);
