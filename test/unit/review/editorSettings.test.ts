import * as assert from 'node:assert/strict';
import { Minimatch } from 'minimatch';
import { GLOB_OPTIONS } from '../../../src/core/policy/compileZonePolicy';
import { changesPmZoneSettings, isEditorSettingsFile, readJsonWithComments } from '../../../src/core/review/checks/editorSettings';
import type { ChangedFile } from '../../../src/core/review/model';

const SETTINGS = '.vscode/settings.json';

function modified(oldText: string, newText: string, path = SETTINGS): ChangedFile {
  return { path, status: 'modified', oldText, newText };
}

describe('changes to PM Zone settings in editor settings files', () => {
  it('counts a pmZone setting added, changed or removed, in any spelling VS Code reads', () => {
    const base = '{\n  "editor.tabSize": 2\n}\n';
    const changed = [
      '{\n  "editor.tabSize": 2,\n  "pmZone.policyFile": "src/features/checkout/ZONE.md"\n}\n',
      '{ // the team\'s\n  "editor.tabSize": 2, "pmZone": { "policyFile": "ZONE.md" }, }\n',
      '{ "editor.tabSize": 2, "pm\\u005Aone.skillFile": "x.md" }',
      '{ "editor.tabSize": 2, "[markdown]": { "pmZone.policyFile": "ZONE.md" } }',
    ];
    for (const text of changed) {
      assert.equal(changesPmZoneSettings(modified(base, text)), true, text);
      assert.equal(changesPmZoneSettings(modified(text, base)), true, `removed: ${text}`);
    }
    const workspace = '{ "folders": [{ "path": "." }], "settings": { "pmZone.policyFile": "ZONE.md" } }';
    assert.equal(changesPmZoneSettings({ path: 'shop.code-workspace', status: 'added', oldText: undefined, newText: workspace }), true);
    assert.equal(changesPmZoneSettings({ path: 'apps/web/.vscode/settings.json', status: 'deleted', oldText: workspace, newText: undefined }), true);
  });

  it('finds the settings files VS Code reads as minimatch finds them, letter case ignored', () => {
    const globs = ['**/.vscode/settings.json', '**/*.code-workspace'].map((glob) => new Minimatch(glob, { ...GLOB_OPTIONS, nocase: true }));
    const names = ['.vscode/settings.json', '.VSCode/Settings.JSON', 'apps/web/.vscode/settings.json', '.vscode/settings.jsonc', 'vscode/settings.json', '.vscode/sub/settings.json', 'a/.vscode', 'shop.code-workspace', 'a/b/Shop.CODE-WORKSPACE', '.code-workspace', 'shop.code-workspace.bak', 'a//.vscode/settings.json', './.vscode/settings.json', 'a/../.vscode/settings.json', '.vscode/ſettings.json', '.vſcode/settings.json', 'é/.vscode/settings.json', 'docs/settings.json'];
    let found = 0;
    for (const name of names) {
      const expected = globs.some((glob) => glob.match(name));
      if (expected) found++;
      assert.equal(isEditorSettingsFile(name), expected, name);
    }
    assert.ok(found >= 5, 'the names hold settings files');
  });

  it('leaves other settings to the zone, and other files alone', () => {
    const before = '{ "pmZone.policyFile": "AGENTS.md", "editor.tabSize": 2 }';
    assert.equal(changesPmZoneSettings(modified(before, '{\n  // wider tabs\n  "pmZone.policyFile": "AGENTS.md",\n  "editor.tabSize": 4,\n}\n')), false);
    assert.equal(changesPmZoneSettings(modified('{}', '{ "pmZone.policyFile": "ZONE.md" }', 'docs/settings.json')), false);
  });

  it('fails closed on a file it cannot read that mentions PM Zone, or a binary one', () => {
    assert.equal(changesPmZoneSettings(modified('{}', '{ "pmZone.policyFile": "ZONE.md" /* unclosed')), true);
    assert.equal(changesPmZoneSettings(modified('{}', '{ "editor.tabSize": 2 /* unclosed')), false);
    assert.equal(changesPmZoneSettings({ path: SETTINGS, status: 'modified', oldText: undefined, newText: undefined, binary: true }), true);
  });

  it('reads comments and trailing commas as VS Code does, and leaves strings as written', () => {
    assert.deepEqual(readJsonWithComments('\uFEFF{ /* a */ "a": "x // y, }", // b\n "b": [1, 2,], }'), { a: 'x // y, }', b: [1, 2] });
    assert.equal(readJsonWithComments('{ "a": 1 /* open'), undefined);
  });
});
