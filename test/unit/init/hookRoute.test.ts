import * as assert from 'node:assert/strict';
import type { HookManager } from '../../../src/core/git/hookManagers';
import { installScriptRoute, managerRoute } from '../../../src/core/init/hookRoute';
import { packageManagerNamed } from '../../../src/core/repository/packageManager';

// A file PM Zone cannot read is never edited: an edit through a parser that
// gave up could only land in the wrong place. Each says what to add by hand.

const LINE = 'npx --no-install pm-zone review --staged';
const BROKEN = '{\n  "name": "shop"\n  "scripts": { "build": "vite build" }\n}\n';

describe('the committed hook routes, on a file that does not parse', () => {
  it("leaves a package.json that is not JSON as it is, naming the script to add by hand", () => {
    const route = installScriptRoute(BROKEN, packageManagerNamed('npm'));
    assert.equal(route.text, undefined);
    assert.match(route.note, /package\.json does not parse as JSON, so PM Zone wrote nothing to it: fix it, or add "prepare": "pm-zone hook install --prepare" to its scripts by hand\./);
  });

  it('leaves a simple-git-hooks block in a package.json that is not JSON as it is', () => {
    const manager = { name: 'simple-git-hooks', file: 'package.json', advice: 'Add the line to "simple-git-hooks" by hand.' } as HookManager;
    const route = managerRoute(manager, BROKEN, LINE);
    assert.equal(route.text, undefined);
    assert.equal(route.note, manager.advice);
  });

  it('still edits one that parses, keeping its layout', () => {
    const route = installScriptRoute('{\n\t"name": "shop",\n\t"scripts": {\n\t\t"build": "vite build"\n\t}\n}\n', packageManagerNamed('npm'));
    assert.equal(route.text, '{\n\t"name": "shop",\n\t"scripts": {\n\t\t"build": "vite build",\n\t\t"prepare": "pm-zone hook install --prepare"\n\t}\n}\n');
  });
});
