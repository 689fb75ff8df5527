import * as assert from 'node:assert/strict';
import { detectPackageManager } from '../../../src/core/repository/packageManager';
import type { FileSource } from '../../../src/core/types';

const files = (tree: Record<string, string>): FileSource => ({ readText: async (path) => tree[path] });

describe('the repository\'s package manager', () => {
  const cases: [string, Record<string, string>, string, string, string][] = [
    ['nothing named: npm', {}, 'npm', 'npx --no-install pm-zone', 'npm install --save-dev pm-zone'],
    ['package-lock.json', { 'package-lock.json': '{}' }, 'npm', 'npx --no-install pm-zone', 'npm install --save-dev pm-zone'],
    ['a pnpm workspace', { 'pnpm-lock.yaml': '', 'pnpm-workspace.yaml': 'packages: []\n' }, 'pnpm', 'pnpm exec pm-zone', 'pnpm add -D -w pm-zone'],
    ['packageManager wins over a lockfile', { 'package.json': '{"packageManager":"pnpm@9.12.0+sha512.abc"}', 'package-lock.json': '{}' }, 'pnpm', 'pnpm exec pm-zone', 'pnpm add -D pm-zone'],
    ['Yarn 1', { 'yarn.lock': '# yarn lockfile v1\n' }, 'yarn', 'yarn pm-zone', 'yarn add --dev pm-zone'],
    ['Yarn 1 workspaces', { 'yarn.lock': '', 'package.json': '{"workspaces":["packages/*"]}' }, 'yarn', 'yarn pm-zone', 'yarn add --dev -W pm-zone'],
    ['Yarn 4 by packageManager', { 'package.json': '{"packageManager":"yarn@4.5.1"}' }, 'yarn-berry', 'yarn pm-zone', 'yarn add --dev pm-zone'],
    ['Yarn 2+ by its lockfile', { 'yarn.lock': '__metadata:\n  version: 8\n' }, 'yarn-berry', 'yarn pm-zone', 'yarn add --dev pm-zone'],
    ['Yarn 2+ by .yarnrc.yml', { 'yarn.lock': '', '.yarnrc.yml': 'nodeLinker: node-modules\n' }, 'yarn-berry', 'yarn pm-zone', 'yarn add --dev pm-zone'],
    ['bun.lock', { 'bun.lock': '{}' }, 'bun', 'bunx --no-install pm-zone', 'bun add --dev pm-zone'],
    ['bun.lockb', { 'bun.lockb': 'x' }, 'bun', 'bunx --no-install pm-zone', 'bun add --dev pm-zone'],
    ['a package.json that is not JSON', { 'package.json': '{', 'pnpm-lock.yaml': '' }, 'pnpm', 'pnpm exec pm-zone', 'pnpm add -D pm-zone'],
  ];
  for (const [name, tree, manager, exec, addDev] of cases) {
    it(name, async () => {
      const found = await detectPackageManager(files(tree));
      assert.deepEqual([found.name, found.exec, found.addDev], [manager, exec, addDev]);
    });
  }

  it('Yarn 2 runs postinstall of the project, not prepare; Plug\'n\'Play is seen', async () => {
    const berry = await detectPackageManager(files({ 'package.json': '{"packageManager":"yarn@4.5.1"}', '.pnp.cjs': '' }));
    assert.equal(berry.installScript, 'postinstall');
    assert.equal(berry.plugAndPlay, true);
    assert.equal((await detectPackageManager(files({ 'pnpm-lock.yaml': '' }))).installScript, 'prepare');
  });
});
