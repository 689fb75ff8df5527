// Whether an install of the project wires a committed hook manager into a
// fresh clone (git copies no hook and no core.hooksPath), and the line that
// would, in the repository's package manager's words.
import * as assert from 'node:assert/strict';
import { hookWiring, projectInstallScripts } from '../../../src/core/git/hookManagers';
import { packageManagerNamed, type PackageManagerName } from '../../../src/core/repository/packageManager';

const manifest = (fields: Record<string, unknown>) => JSON.stringify(fields);
const wiring = (name: Parameters<typeof hookWiring>[0]['name'], file: string, packageJson: string | undefined, manager: PackageManagerName = 'npm') =>
  hookWiring({ name, file }, packageJson, packageManagerNamed(manager));

describe('hook managers wired by install', () => {
  it('each package manager runs these scripts of the project on install: Yarn 2 and later no prepare', () => {
    assert.deepEqual(projectInstallScripts('yarn-berry'), ['preinstall', 'install', 'postinstall']);
    for (const name of ['npm', 'pnpm', 'yarn', 'bun'] as const) assert.ok(projectInstallScripts(name).includes('prepare'), name);
  });

  describe('husky', () => {
    it('is wired by a prepare script that runs husky (9) or husky install (5 to 8)', () => {
      assert.deepEqual(wiring('husky', '.husky/pre-commit', manifest({ scripts: { prepare: 'husky && npm run bundle' }, devDependencies: { husky: '9.1.7' } })), { manager: 'husky', wiredBy: 'prepare', command: 'husky' });
      assert.equal(wiring('husky', '.husky/pre-commit', manifest({ scripts: { prepare: 'husky install' }, devDependencies: { husky: '^7.0.4' } }), 'yarn').wiredBy, 'prepare');
    });

    it('is wired through another script an install runs: postinstall → hooks:install', () => {
      const wired = wiring('husky', '.husky/pre-commit', manifest({ scripts: { postinstall: 'yarn hooks:install', 'hooks:install': 'husky install' }, devDependencies: { husky: '^7.0.4' } }), 'yarn-berry');
      assert.equal(wired.wiredBy, 'postinstall → hooks:install');
      assert.equal(wired.message, undefined);
    });

    it("is not wired when only a script nobody's install runs wires it (medusa): the line runs that script from postinstall, in Yarn 2 and later", () => {
      const unwired = wiring('husky', '.husky/pre-commit', manifest({ scripts: { 'hooks:install': 'husky install', 'hooks:uninstall': 'husky uninstall' }, devDependencies: { husky: '^7.0.4' } }), 'yarn-berry');
      assert.equal(unwired.wiredBy, undefined);
      assert.equal(unwired.line, '"postinstall": "yarn hooks:install"');
      assert.match(unwired.message ?? '', /^\.husky\/pre-commit: package\.json's "hooks:install" script wires it, but nothing an install runs calls that script; git copies no hook and no core\.hooksPath, so in a fresh clone \.husky\/pre-commit's hooks \(PM Zone's review among them\) run only after someone runs `yarn hooks:install`\. Add to package\.json's scripts: "postinstall": "yarn hooks:install"$/);
    });

    it('is not wired by a prepare script in Yarn 2 and later, which run none of the project (outline)', () => {
      const unwired = wiring('husky', '.husky/pre-commit', manifest({ scripts: { prepare: 'husky install', postinstall: 'yarn patch-package' }, devDependencies: { husky: '^8.0.3' } }), 'yarn-berry');
      assert.equal(unwired.line, '"postinstall": "yarn patch-package && husky install"');
      assert.match(unwired.message ?? '', /Yarn 2 and later run no "prepare" of the project itself/);
      assert.equal(wiring('husky', '.husky/pre-commit', manifest({ scripts: { prepare: 'husky install' }, devDependencies: { husky: '^8.0.3' } }), 'pnpm').wiredBy, 'prepare');
    });

    it('is not wired with no scripts: the line is husky 9’s word, or husky install before 9, and says to list husky when it is not', () => {
      assert.equal(wiring('husky', '.husky/pre-commit', manifest({ devDependencies: { husky: '^9.0.0' } }), 'pnpm').line, '"prepare": "husky"');
      assert.equal(wiring('husky', '.husky/pre-commit', manifest({ devDependencies: { husky: '^6.0.0' } })).line, '"prepare": "husky install"');
      assert.match(wiring('husky', '.husky/pre-commit', manifest({})).message ?? '', /\(with husky in devDependencies\): "prepare": "husky"$/);
      assert.equal(wiring('husky', '.husky/pre-commit', manifest({ scripts: { prepare: 'husky uninstall' } })).wiredBy, undefined, 'uninstall wires nothing');
    });

    it('is not wired without a package.json: every clone runs it by hand', () => {
      const unwired = wiring('husky', '.husky/pre-commit', undefined);
      assert.equal(unwired.line, undefined);
      assert.match(unwired.message ?? '', /no package\.json whose install could run it/);
    });
  });

  describe('lefthook', () => {
    it('is wired by a script that runs lefthook install, or by its own package where npm or Yarn 1 run dependencies\' install scripts', () => {
      assert.equal(wiring('lefthook', 'lefthook.yml', manifest({ scripts: { postinstall: 'lefthook install' } }), 'yarn-berry').wiredBy, 'postinstall');
      assert.equal(wiring('lefthook', 'lefthook.yml', manifest({ devDependencies: { lefthook: '^1.5.5' } }), 'npm').wiredBy, "lefthook's own install script");
      assert.equal(wiring('lefthook', 'lefthook.yml', manifest({ devDependencies: { lefthook: '^1.5.5' } }), 'yarn').wiredBy, "lefthook's own install script");
    });

    it('is not counted as wired by its own package in Yarn 2 and later, pnpm or Bun, which may block dependencies\' scripts (sendapp)', () => {
      const sendapp = manifest({ scripts: { postinstall: 'test -n "$SKIP_YARN_POST_INSTALL" || (yarn check-deps && yarn build)' }, devDependencies: { lefthook: '^1.5.5' } });
      const unwired = wiring('lefthook', 'lefthook.yml', sendapp, 'yarn-berry');
      assert.equal(unwired.line, '"postinstall": "test -n \\"$SKIP_YARN_POST_INSTALL\\" || (yarn check-deps && yarn build) && lefthook install"');
      for (const name of ['pnpm', 'bun'] as const) assert.equal(wiring('lefthook', 'lefthook.yml', manifest({ devDependencies: { lefthook: '1.5.5' } }), name).line, '"prepare": "lefthook install"', name);
    });
  });

  describe('pre-commit', () => {
    it('is wired by a script that runs pre-commit install', () => {
      assert.equal(wiring('pre-commit', '.pre-commit-config.yaml', manifest({ scripts: { prepare: 'pre-commit install' } })).wiredBy, 'prepare');
    });

    it('is a Python program no install runs: every clone runs pre-commit install, and no package.json line is offered (saleor)', () => {
      const unwired = wiring('pre-commit', '.pre-commit-config.yaml', manifest({ devDependencies: {} }));
      assert.equal(unwired.line, undefined);
      assert.match(unwired.message ?? '', /^\.pre-commit-config\.yaml: the pre-commit framework is a Python program no package install runs: .*Every clone must run `pre-commit install` once/);
    });
  });

  describe('simple-git-hooks', () => {
    it('is wired by a prepare script that runs it, or by its own package under npm', () => {
      assert.equal(wiring('simple-git-hooks', 'package.json', manifest({ scripts: { prepare: 'npx simple-git-hooks' } }), 'pnpm').wiredBy, 'prepare');
      assert.equal(wiring('simple-git-hooks', 'package.json', manifest({ devDependencies: { 'simple-git-hooks': '^2.11.0' } }), 'npm').wiredBy, "simple-git-hooks's own install script");
    });

    it('is not wired by its own package in Yarn 4', () => {
      assert.equal(wiring('simple-git-hooks', '.simple-git-hooks.json', manifest({ devDependencies: { 'simple-git-hooks': '^2.11.0' } }), 'yarn-berry').line, '"postinstall": "simple-git-hooks"');
    });
  });

  describe('a tracked hooks folder', () => {
    it('is wired by a script that sets core.hooksPath, else the line sets it', () => {
      assert.equal(wiring('tracked-hooks', 'githooks/pre-commit', manifest({ scripts: { prepare: 'git config core.hooksPath githooks' } })).wiredBy, 'prepare');
      assert.equal(wiring('tracked-hooks', 'githooks/pre-commit', manifest({})).line, '"prepare": "git config core.hooksPath githooks"');
    });
  });
});
