import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { AGENT_HOOKS, installedHooks, refuses, runHookCommand, writePayload } from '../../src/core/agents';
import type { Browser } from 'playwright-core';
import { ensureCodeServer, startCodeServer, type RunningCodeServer } from '../../scripts/code-server.mjs';
import { HOOK_MARKER } from '../../src/core/git';
import { createSampleRepo } from '../../scripts/sample-repo.mjs';
import { launchChromium, workbenchUrl } from '../../scripts/vscode-host/browser.mjs';
import { screenshotDir } from './session';
import { until, Workbench } from './workbench';

// The release package, as a user installs it: `npm run package` builds the
// .vsix, code-server installs it, and a window with NO extension under
// development shows the badges — so they come from the package, not from
// this source tree.

const repositoryRoot = resolve(__dirname, '..', '..');

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('the packaged extension', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pm-zone-package-'));
  const vsix = join(scratch, 'pm-zone.vsix');
  // code-server's own default extensions folder under a home of the test's: where the agents' launcher looks for PM Zone.
  const home = join(scratch, 'home');
  const extensionsDir = join(home, '.local', 'share', 'code-server', 'extensions');
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;

  before(function () {
    this.timeout(300_000);
    execFileSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: repositoryRoot, stdio: 'pipe' });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
    // The package build minified dist/; the other tests want the development build back.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repositoryRoot, stdio: 'pipe' });
  });

  it('holds only what it needs, and stays small', () => {
    const bytes = statSync(vsix).size;
    console.log(`      .vsix size: ${(bytes / 1024).toFixed(0)} KB`);
    // python3 is on every machine that builds code-server (node-gyp needs it); its zipfile module lists the package.
    // Each entry with the bytes it takes in the package (compressed).
    const listing = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(f"{i.compress_size} {i.filename}" for i in zipfile.ZipFile(sys.argv[1]).infolist()))', vsix], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map((line) => ({ bytes: Number(line.slice(0, line.indexOf(' '))), name: line.slice(line.indexOf(' ') + 1) }));
    const files = listing.filter((entry) => entry.name.startsWith('extension/')).map((entry) => entry.name.slice('extension/'.length));
    // vsce stores the readme, changelog and licence under names of its own (readme.md, LICENSE.txt).
    const has = (name: string) => files.some((file) => file.toLowerCase() === name.toLowerCase());
    for (const needed of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'dist/extension.js', 'dist/core.js', 'dist/cli.js', 'dist/run.js', 'dist/zone.js', 'dist/review.js', 'dist/review-libraries.js', 'dist/config.js', 'dist/action.js', 'dist/guard.js', 'dist/guard-libraries.js', 'dist/guard-glob.js', 'dist/shell-parser.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-bash.wasm', 'dist/identity.json', 'dist/vega.js', 'media/icon.png', 'snippets/planning.code-snippets']) {
      assert.ok(has(needed), `${needed} is missing from the package (it holds ${files.join(', ')})`);
    }
    const unwanted = files.filter((file) => /^(src|test|scripts|bench|node_modules|\.vscode-test)\/|\.map$|\.ts$/.test(file));
    assert.deepEqual(unwanted, [], 'the package carries sources, tests or source maps');
    // The charts' libraries live in dist/vega.js alone (loaded on the first chart), about 330 KB packed.
    const charts = listing.find((entry) => entry.name === 'extension/dist/vega.js')!.bytes;
    assert.ok(charts < 450 * 1024, `dist/vega.js takes ${charts} bytes`);
    // Everything else, about 1,300 KB: the command line and the Action's entry share dist/core.js (490 KB: the review with its
    // strings formats, and the coding agents' guard with its reading of shell commands and of Codex's TOML config) with the
    // editor; dist/guard.js (100 KB, with the TOML reader it refreshes a PM's Codex profile with) is what the agents' hooks run;
    // dist/zone.js (100 KB: the zone's reading, CODEOWNERS and the markdown parser bundled again) is what `whoami` and
    // `explain` run, so they load none of dist/core.js; dist/config.js (160 KB: the same with the YAML parser and the skill
    // file's reader) is what `check-config` runs, for the same reason; dist/review.js (175 KB) with dist/review-libraries.js
    // (115 KB: the strings formats', YAML's and markdown's parsers, loaded when a changed file needs one) is what `review`
    // and the pre-commit hook run, half the CPU of loading dist/core.js on every commit; and dist/action.js (15 KB: the
    // Actions toolkit without its OIDC client's HTTP stack) ships because npm and the .vsix share one allow-list. The copies
    // cost about 450 KB of download once; the commands' start is paid on every call.
    const action = listing.find((entry) => entry.name === 'extension/dist/action.js')!.bytes;
    assert.ok(action < 40 * 1024, `dist/action.js takes ${action} bytes: has the Actions toolkit's HTTP client come back?`);
    // The bash grammar the guard reads shell commands with (dist/shell-parser.js and its two .wasm files), about 290 KB packed,
    // loaded by the hooks on the first shell command only.
    const grammar = listing.filter((entry) => /^extension\/dist\/(shell-parser\.js|[\w-]+\.wasm)$/.test(entry.name)).reduce((sum, entry) => sum + entry.bytes, 0);
    assert.ok(grammar < 350 * 1024, `the bash grammar takes ${grammar} bytes`);
    assert.ok(bytes - charts - grammar < 1400 * 1024, `the package is ${bytes} bytes, ${bytes - charts - grammar} without the charts and the bash grammar`);
  });

  it('installs into a real VS Code and badges the sample repository from the package', async function () {
    this.timeout(180_000);
    const { entry, node } = await ensureCodeServer({ browser: false });
    // code-server 4.90 (VS Code 1.90) makes the folder without its parents, as a new user's home lacks them.
    mkdirSync(extensionsDir, { recursive: true });
    execFileSync(node, [entry, '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'pipe' });
    const installed = readdirSync(extensionsDir).find((name) => name.startsWith('pm-zone.pm-zone-'));
    assert.ok(installed, `not installed: ${readdirSync(extensionsDir).join(', ')}`);
    const installedFiles = listFiles(join(extensionsDir, installed));
    assert.ok(installedFiles.includes('dist/extension.js'));
    assert.ok(!existsSync(join(extensionsDir, installed, 'src')), 'the installed extension carries its sources');

    const { root: workspace } = createSampleRepo(join(scratch, 'acme-shop'));
    // A pre-commit hook as an older version of the extension wrote it, naming that version's folder, gone since the update.
    const olderCli = join(extensionsDir, 'pm-zone.pm-zone-0.0.9', 'dist', 'cli.js');
    const hookFile = join(workspace, '.git', 'hooks', 'pre-commit');
    writeFileSync(hookFile, `#!/bin/sh\n${HOOK_MARKER}\n# Runs the PM PR Review on the staged change.\nexec '${process.execPath}' '${olderCli}' 'review' '--staged'\n`, { mode: 0o755 });
    // The command line the pre-commit hook runs works from the package too, on the core it shares.
    const explained = JSON.parse(execFileSync(process.execPath, [join(extensionsDir, installed, 'dist', 'cli.js'), 'explain', '--json', '--cwd', workspace, 'src/auth/session.ts'], { encoding: 'utf8' }));
    assert.equal(explained[0].zone, 'locked');
    server = await startCodeServer({
      workspace,
      userDataDir: join(scratch, 'user-data'),
      extensionsDir,
      // An engineer's window, who may write the agents' hooks.
      settings: { 'explorer.compactFolders': false, 'pmZone.identity': '@dana' },
      env: { HOME: home },
      logFile: join(scratch, 'code-server.log'),
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const workbench = new Workbench(page, workspace, screenshotDir);
    // No extensionDevelopmentPath: only installed extensions run.
    await workbench.open(workbenchUrl({ serverUrl: server.url, folder: workspace }));
    await workbench.waitForExplorer();
    await workbench.expand('src/auth');
    await until('the installed extension to badge the locked file', async () => (await workbench.row('src/auth/session.ts')).badgeText === '🔒', 30_000, 250);
    assert.equal((await workbench.row('README.md')).badgeText, 'PM');
    await workbench.screenshot('installed-from-vsix');
    // Soon after it starts, the editor rewrites the hook it wrote: it now names no folder, and finds the installed version itself.
    await until('the editor to rewrite its hook', () => readFileSync(hookFile, 'utf8').includes('installed by the PM Zone extension'), 30_000, 250).catch(() => undefined);
    const hook = readFileSync(hookFile, 'utf8');
    assert.ok(hook.includes('installed by the PM Zone extension'), hook);
    assert.ok(!hook.includes(olderCli) && !hook.includes(extensionsDir), 'the hook names a folder of this machine');
    appendFileSync(join(workspace, 'src/auth/session.ts'), '// longer sessions\n');
    execFileSync('git', ['add', 'src/auth/session.ts'], { cwd: workspace });
    // VS Code reads VSCODE_EXTENSIONS for a moved extensions folder, and so does the hook. This window is Dana's, an
    // engineer (pmZone.identity, which the hook carries as --as): the installed version's review lets the commit through.
    const commit = spawnSync('git', ['commit', '-m', 'Longer sessions'], { cwd: workspace, encoding: 'utf8', env: { ...process.env, HOME: home, VSCODE_EXTENSIONS: extensionsDir } });
    assert.equal(commit.status, 0, `the hook stopped an engineer's commit: ${commit.stdout}${commit.stderr}`);
    assert.equal(commit.stderr, "PM Zone: not a pilot PM: the PM zone does not restrict you (@dana is not a listed pilot PM (CLAUDE.md:40)). Not reviewed (pm-zone review --staged --as @handle reviews it as that pilot PM's).\n");
    execFileSync('git', ['reset', '--quiet', '--hard', 'HEAD~1'], { cwd: workspace });

    // "Guard coding agents" in a project with no node_modules and no pm-zone on PATH: the hooks run this extension's guard.
    await workbench.runCommand('PM Zone: Guard coding agents');
    await workbench.waitForQuickInputTitle('which agents does the team use?');
    await page.keyboard.press('Enter');
    await workbench.toast('wrote .pmzone/guard.cjs').waitFor({ timeout: 20_000 });
    assert.ok(!existsSync(join(workspace, 'node_modules')));
    const claude = installedHooks('claude', readFileSync(join(workspace, AGENT_HOOKS.claude.file), 'utf8')).PreToolUse!;
    const hookEnv = { PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter), HOME: home, GIT_CONFIG_NOSYSTEM: '1', PM_ZONE_AS: '@alice' };
    const answer = await runHookCommand('claude', claude.command, workspace, writePayload('claude', workspace, join(workspace, 'src', 'auth', 'session.ts')), claude.timeoutSeconds, hookEnv);
    assert.ok(refuses('claude', answer), JSON.stringify(answer));
    assert.match(answer.stdout, /src\/auth\/session\.ts is engineering-only/);
    const located = JSON.parse(execFileSync('node', [join(workspace, '.pmzone', 'guard.cjs'), '--locate'], { cwd: workspace, env: hookEnv, encoding: 'utf8' }));
    assert.deepEqual({ from: located.from, folder: located.folder }, { from: 'extension', folder: join(extensionsDir, installed) });
    await workbench.screenshot('installed-guard-agents');
  });
});
