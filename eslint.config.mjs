import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'The core and the CLI are pure: take text and small ports, never the vscode API.' }],
  }],
};

/**
 * The editor's surfaces (planning, pullRequest, review, sidebar) reach one
 * another only through their `index.ts`; what several of them need lives in
 * `src/vscode/shared/`. A surface's inner files can then change freely.
 */
const SURFACES = 'planning|pullRequest|review|sidebar';
const surfacesThroughIndex = {
  'no-restricted-imports': ['error', {
    patterns: [{
      regex: `^\\.\\.?/(?:\\.\\./)*(?:${SURFACES})/(?!index$)[^/]+$`,
      message: 'Import another surface through its index.ts, or move what both need to src/vscode/shared/.',
    }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', '.demo/**', 'node_modules/**', 'test/fixtures/**', 'test-results/**'] },
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
  { files: ['src/vscode/**/*.ts', 'src/extension.ts'], rules: surfacesThroughIndex },
);
