import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { cpuBound } from '../helpers/cpuBound';

// The editor's walls, as eslint.config.mjs draws them from the folder tree:
// a surface reaches another only through its index.ts, only src/extension.ts
// wires a surface, and src/vscode/shared/ imports none of them.

const root = join(__dirname, '..', '..', '..');

describe("the editor's boundaries (eslint.config.mjs)", function () {
  this.timeout(cpuBound(60_000));
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: root });
  });

  /** The messages of the boundary rule for `code` as if it were the file at `path`. */
  async function refusals(path: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(root, path) });
    return result!.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => message.message);
  }

  it('refuses an inner file of any surface folder from another, evidence/ included, and allows its index', async () => {
    assert.match((await refusals('src/vscode/review/wall.ts', "import { x } from '../evidence/reportPanel';\nexport const y = x;\n"))[0] ?? '', /through its index\.ts/);
    assert.match((await refusals('src/vscode/wall.ts', "import { x } from './pullRequest/draftFile';\nexport const y = x;\n"))[0] ?? '', /through its index\.ts/);
    assert.match((await refusals('src/extension.ts', "import { x } from './vscode/sidebar/myChangeView';\nexport const y = x;\n"))[0] ?? '', /through its index\.ts/);
    assert.deepEqual(await refusals('src/vscode/pullRequest/wall.ts', "import { x } from '../evidence';\nexport const y = x;\n"), []);
  });

  it('refuses a surface file (one that registers a surface) anywhere but src/extension.ts, except for its types', async () => {
    assert.match((await refusals('src/vscode/planning/wall.ts', "import { x } from '../walkthrough';\nexport const y = x;\n"))[0] ?? '', /Only src\/extension\.ts wires a surface/);
    assert.match((await refusals('src/vscode/statusBar.ts', "import { x } from './whyLocked';\nexport const y = x;\n"))[0] ?? '', /Only src\/extension\.ts wires a surface/);
    assert.deepEqual(await refusals('src/vscode/api.ts', "import type { ZoneStatusBar } from './statusBar';\nexport type Y = ZoneStatusBar;\n"), []);
    assert.deepEqual(await refusals('src/extension.ts', "import { registerWhyLocked } from './vscode/whyLocked';\nexport const y = registerWhyLocked;\n"), []);
  });

  it('keeps shared/ below every surface: not even an index or a type', async () => {
    for (const imported of ["'../review'", "'../whyLocked'", "'../evidence/reportPanel'"]) {
      assert.match((await refusals('src/vscode/shared/wall.ts', `import type { X } from ${imported};\nexport type Y = X;\n`))[0] ?? '', /shared\/ holds what several surfaces use/, imported);
    }
    assert.deepEqual(await refusals('src/vscode/shared/wall.ts', "import { x } from '../repositories';\nimport { y } from './gitApi';\nexport const z = [x, y];\n"), []);
  });
});
