// What a release ships, built as it will be from a clean copy of this
// checkout (its tracked files, no dist/): `npm pack` on its own, then the
// release's dry run (scripts/release.mjs dry-run), which builds once and
// commits the Action's tree to a bare repository standing for GitHub. Each
// artefact is then used as its user uses it, offline: the tarball installed
// into an empty folder and run; the .vsix unpacked into an editor's
// extension folder, where the agents' hooks find its guard with no npm
// install anywhere; the Action's tag cloned alone and its gate run as
// GitHub's runner runs it.
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { createSampleRepo } from '../../scripts/sample-repo.mjs';
import { AGENT_HOOKS, installedHooks, refuses, runHookCommand, writePayload } from '../../src/core/agents';
import { pullRequestEvent, runnerEnv, runnerFiles } from '../support/actionRunner';
import { FakeGitHub } from '../support/fakeGitHub';
import { PLANNING_PATH, PLANNING_TEXT } from '../support/finishedPlanning';
import { isolatedGitEnv, runGit, tempDir } from '../unit/helpers/tempRepo';
import { childEnv, repositoryRoot } from './support/program';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const { name, version } = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { name: string; version: string };

/** What the npm package and the .vsix carry besides their own metadata: one allow-list, package.json's `files`. */
const BUNDLES = ['dist/action.js', 'dist/cli.js', 'dist/config.js', 'dist/core.js', 'dist/editor-policy.js', 'dist/extension.js', 'dist/guard-glob.js', 'dist/guard-libraries.js', 'dist/guard.js', 'dist/identity.json', 'dist/review-libraries.js', 'dist/review.js', 'dist/run.js', 'dist/shell-parser.js', 'dist/tree-sitter-bash.wasm', 'dist/vega.js', 'dist/web-tree-sitter.wasm', 'dist/zone.js'];
/** What the extension shows: its icons, each walkthrough step's page (as the manifest names them), the snippets. */
const EXTENSION_FILES = ['media/icon.png', 'media/pm-zone.svg', ...walkthroughPages(), 'snippets/planning.code-snippets'];

function walkthroughPages(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: { media: { markdown?: string } }[] }[] } };
  return [...new Set(manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.flatMap((step) => (step.media.markdown ? [step.media.markdown] : []))))];
}

/** The environment npm runs with here: its own empty cache and no network, so nothing can come from a registry. */
function offlineNpm(cache: string): NodeJS.ProcessEnv {
  return { ...childEnv(), npm_config_cache: cache, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

/** The part of yauzl (vsce's own zip reader) that reads every entry. */
interface ZipFile {
  on(event: 'entry', listener: (entry: { fileName: string }) => void): void;
  on(event: 'end', listener: () => void): void;
  readEntry(): void;
  openReadStream(entry: { fileName: string }, callback: (error: Error | null, stream?: NodeJS.ReadableStream) => void): void;
}

async function listZip(file: string): Promise<Map<string, Buffer>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS package without types
  const yauzl = require('yauzl') as { open(file: string, options: { lazyEntries: boolean }, callback: (error: Error | null, zip?: ZipFile) => void): void };
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Buffer>();
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

/** secretlint's recommended rules over each text file: credential-shaped strings a scanner would flag in the published package. */
async function credentialShaped(files: Map<string, Buffer>): Promise<string[]> {
  const { lintSource } = await import('secretlint-core');
  const { creator } = await import('secretlint-preset-recommend');
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
  const found: string[] = [];
  for (const [file, content] of files) {
    if (/\.(png|svg)$/.test(file)) continue;
    const result = await lintSource({ source: { filePath: `/package/${file}`, content: content.toString('utf8'), contentType: 'text' }, options: { config, maskSecrets: true } });
    for (const message of result.messages) found.push(`${file}:${message.loc.start.line} ${message.ruleId}: ${message.message}`);
  }
  return found;
}

describe('the release, built from a clean copy and used as its users use it', function () {
  this.timeout(600_000);
  let work: string;
  let checkout: string;
  let tarball: string;
  let dryRun: { tarball: string; vsix: string; tree: string; remote: string; commit: string; branch: string; tags: string[] };

  before(async () => {
    work = await tempDir('release');
    checkout = path.join(work, 'checkout');
    // The files a clone has: what git tracks, and new files not yet committed; no dist/, no .tgz, no .vsix.
    const { stdout } = await exec('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024 });
    for (const file of stdout.split('\0').filter(Boolean)) {
      if (!existsSync(path.join(repositoryRoot, file))) continue;
      await fs.mkdir(path.join(checkout, path.dirname(file)), { recursive: true });
      await fs.copyFile(path.join(repositoryRoot, file), path.join(checkout, file));
    }
    assert.ok(!existsSync(path.join(checkout, 'dist')), 'a clean copy has no dist/');
    await fs.symlink(path.join(repositoryRoot, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
    await runGit(checkout, ['init', '--quiet']);
    await runGit(checkout, ['add', '-A']);
    await runGit(checkout, ['-c', 'user.name=Release', '-c', 'user.email=release@acme.test', 'commit', '--quiet', '--no-verify', '-m', 'The source of the release']);
    // npm pack as anyone runs it: prepack builds the production bundles first.
    const packed = await exec(npm, ['pack', '--json', '--pack-destination', work], { cwd: checkout, env: childEnv(), maxBuffer: 64 * 1024 * 1024 });
    const [report] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[];
    tarball = path.join(work, report.filename);
    const released = await exec(process.execPath, ['scripts/release.mjs', 'dry-run', '--out', path.join(work, 'release')], { cwd: checkout, env: childEnv(isolatedGitEnv), maxBuffer: 64 * 1024 * 1024 });
    dryRun = JSON.parse(released.stdout.trim().split('\n').pop()!);
  });

  describe('the npm package', () => {
    let files: Map<string, Buffer>;
    before(async () => {
      const unpacked = path.join(work, 'unpacked');
      await fs.mkdir(unpacked);
      await exec('tar', ['-xzf', tarball, '-C', unpacked]);
      const list = (await exec('tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean).map((file) => file.replace(/^package\//, ''));
      files = new Map(await Promise.all(list.map(async (file) => [file, await fs.readFile(path.join(unpacked, 'package', file))] as const)));
    });

    it('holds only what users run: the bundles, the Action\'s entry, README, LICENSE, CHANGELOG, package.json and what the extension shows', () => {
      assert.deepEqual([...files.keys()].sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', ...BUNDLES, ...EXTENSION_FILES, 'package.json'].sort());
    });

    it('is at most 2 MB packed, with no runtime dependency', async () => {
      const { size } = await fs.stat(tarball);
      assert.ok(size <= 2 * 1024 * 1024, `${size} bytes`);
      const manifest = JSON.parse(files.get('package.json')!.toString('utf8'));
      assert.deepEqual([manifest.dependencies, manifest.optionalDependencies, manifest.peerDependencies, manifest.bundleDependencies], [undefined, undefined, undefined, undefined]);
    });

    it("is the release's tarball byte for byte, bundles included: the build is reproducible from the source", async () => {
      const released = (await exec('tar', ['-tzf', dryRun.tarball])).stdout.split('\n').filter(Boolean).map((file) => file.replace(/^package\//, ''));
      assert.deepEqual(released.sort(), [...files.keys()].sort());
      // identity.json holds every bundle's SHA-256, signed: equal files, equal identities.
      const identity = (await exec('tar', ['-xzOf', dryRun.tarball, 'package/dist/identity.json'])).stdout;
      assert.equal(identity, files.get('dist/identity.json')!.toString('utf8'));
      const payload = JSON.parse(JSON.parse(identity).payload) as { files: Record<string, string> };
      for (const bundle of BUNDLES.filter((file) => file !== 'dist/identity.json')) {
        assert.equal(createHash('sha256').update(files.get(bundle)!).digest('hex'), payload.files[bundle.slice('dist/'.length)], bundle);
      }
    });

    it('carries nothing credential-shaped, and no source map or source', async () => {
      assert.deepEqual(await credentialShaped(files), []);
      assert.deepEqual([...files.keys()].filter((file) => /\.(map|ts|tgz|vsix)$/.test(file) || file.startsWith('test/') || file.startsWith('src/')), []);
    });

    it('installs from the tarball offline as one package, and npx pm-zone --version answers', async () => {
      const project = path.join(work, 'project');
      await fs.mkdir(project);
      await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'a-project', version: '1.0.0', private: true }));
      const env = offlineNpm(path.join(work, 'npm-cache'));
      await exec(npm, ['install', '--save-dev', tarball], { cwd: project, env });
      const installed = (await fs.readdir(path.join(project, 'node_modules'))).filter((entry) => !entry.startsWith('.'));
      assert.deepEqual(installed, ['pm-zone']);
      assert.deepEqual(await exec(npm, ['exec', '--no', '--', 'pm-zone', '--version'], { cwd: project, env }).then((run) => run.stdout), `${version}\n`);
      // npx with the tarball alone, in an empty folder.
      const empty = path.join(work, 'empty');
      await fs.mkdir(empty);
      assert.equal((await exec(npm, ['exec', '--yes', `--package=${tarball}`, '--', 'pm-zone', '--version'], { cwd: empty, env })).stdout, `${version}\n`);
    });
  });

  describe('the extension (.vsix)', () => {
    let entries: Map<string, Buffer>;
    before(async () => {
      entries = await listZip(dryRun.vsix);
    });

    it('holds the same files, the guard among them, with the Marketplace page as its README', () => {
      const extension = [...entries.keys()].filter((file) => file.startsWith('extension/')).map((file) => file.slice('extension/'.length)).sort();
      assert.deepEqual(extension, ['LICENSE.txt', 'changelog.md', 'package.json', 'readme.md', ...BUNDLES, ...EXTENSION_FILES].sort());
      const readme = entries.get('extension/readme.md')!.toString('utf8');
      assert.match(readme, /^# PM Zone\n/);
      assert.match(readme, /## Get started\n\n1\. \*\*Install PM Zone\*\* from this page/);
      assert.doesNotMatch(readme, /npm ci|npm test|npm run/, 'no contributor commands on the Marketplace page');
      assert.match(readme, /\(https:\/\/github\.com\/pm-zone\/pm-zone\/blob\/HEAD\/docs\/pm-guide\.md\)/, 'relative links point at the repository');
    });

    it('is filed under categories the Marketplace knows, not as a source control provider', () => {
      const manifest = entries.get('extension.vsixmanifest')!.toString('utf8');
      assert.match(manifest, /<Categories>Linters,AI,Other<\/Categories>/);
    });

    it('runs the agents\' guard from the extension alone: unpacked into ~/.vscode/extensions, no npm install anywhere', async () => {
      const home = path.join(work, 'home');
      const folder = path.join(home, '.vscode', 'extensions', `${name}.${name}-${version}`);
      for (const [file, content] of entries) {
        if (!file.startsWith('extension/')) continue;
        await fs.mkdir(path.dirname(path.join(folder, file.slice('extension/'.length))), { recursive: true });
        await fs.writeFile(path.join(folder, file.slice('extension/'.length)), content);
      }
      const repo = path.join(work, 'shop');
      createSampleRepo(repo, { commit: true });
      const env = { ...childEnv(isolatedGitEnv), HOME: home, PATH: [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter) };
      // What "PM Zone: Guard coding agents" runs, from the extension's own program.
      await runGit(repo, ['config', 'user.email', 'dana@acme.test']);
      await exec(process.execPath, [path.join(folder, 'dist', 'cli.js'), 'agents', 'init', '--agent', 'claude', '--cwd', repo], { env });
      await runGit(repo, ['config', 'user.email', 'alice@acme.test']);
      assert.ok(!existsSync(path.join(repo, 'node_modules')));
      const hook = installedHooks('claude', await fs.readFile(path.join(repo, AGENT_HOOKS.claude.file), 'utf8')).PreToolUse!;
      const answer = await runHookCommand('claude', hook.command, repo, writePayload('claude', repo, path.join(repo, 'src', 'auth', 'session.ts')), hook.timeoutSeconds, env);
      assert.ok(refuses('claude', answer), JSON.stringify(answer));
      assert.match(answer.stdout, /src\/auth\/session\.ts is engineering-only/);
      // A shell write is read with the bash grammar the extension carries (dist/shell-parser.js and its .wasm), checked against the signed identity.
      const bash = JSON.parse(writePayload('claude', repo, path.join(repo, 'x'))) as Record<string, unknown>;
      const shell = JSON.stringify({ ...bash, tool_name: 'Bash', tool_input: { command: 'echo x >> src/auth/session.ts' } });
      const shellAnswer = await runHookCommand('claude', hook.command, repo, shell, hook.timeoutSeconds, env);
      assert.ok(refuses('claude', shellAnswer), JSON.stringify(shellAnswer));
      assert.match(shellAnswer.stdout, /src\/auth\/session\.ts is engineering-only/);
      // A changed reader of shell commands is not run: the write is asked about, naming why.
      await fs.appendFile(path.join(folder, 'dist', 'shell-parser.js'), '\n// changed\n');
      const tampered = await runHookCommand('claude', hook.command, repo, shell.replace('src/auth/session.ts', 'src/features/checkout/i18n/en.json'), hook.timeoutSeconds, env);
      assert.match(tampered.stdout, /"permissionDecision":"(ask|deny)"/, JSON.stringify(tampered));
      assert.match(tampered.stdout, /shell-parser\.js is not the file PM Zone's build signed/);
      // An Edit does not load the TOML and JSONC parsers (dist/guard-libraries.js), nor minimatch for a plain glob (dist/guard-glob.js):
      // a changed copy neither runs nor lets a locked write through.
      await fs.appendFile(path.join(folder, 'dist', 'guard-libraries.js'), '\nthrow new Error("changed");\n');
      await fs.appendFile(path.join(folder, 'dist', 'guard-glob.js'), '\nthrow new Error("changed");\n');
      const edited = await runHookCommand('claude', hook.command, repo, writePayload('claude', repo, path.join(repo, 'src', 'auth', 'session.ts')), hook.timeoutSeconds, env);
      assert.ok(refuses('claude', edited), JSON.stringify(edited));
      assert.match(edited.stdout, /src\/auth\/session\.ts is engineering-only/);
      const check = await exec(process.execPath, [path.join(folder, 'dist', 'cli.js'), 'agents', 'check', '--agent', 'claude', '--cwd', repo], { env }).catch((error: { stdout: string }) => error);
      assert.match(check.stdout, new RegExp(`reachable \\(the PM Zone extension ${version.replace(/\./g, '\\.')}, ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\); answering`));
    });
  });

  describe("the Action's release", () => {
    let fake: FakeGitHub;
    before(async () => {
      fake = await FakeGitHub.start({ login: 'github-actions[bot]' });
    });
    after(async () => {
      await fake?.close();
    });

    it(`is one commit on releases/v${version.split('.')[0]}, tagged v${version} and v${version.split('.')[0]}, whose tree is action.yml and what it runs`, async () => {
      const major = `v${version.split('.')[0]}`;
      assert.deepEqual(dryRun.tags, [`v${version}`, major]);
      for (const ref of [`refs/heads/releases/${major}`, `refs/tags/v${version}`, `refs/tags/${major}`]) {
        assert.equal((await runGit(dryRun.remote, ['rev-parse', `${ref}^{commit}`])).trim(), dryRun.commit, ref);
      }
      const tree = (await runGit(dryRun.remote, ['ls-tree', '-r', '--name-only', `v${version}`])).trim().split('\n').sort();
      assert.deepEqual(tree, ['LICENSE', 'README.md', 'action.yml', 'dist/action.js', 'dist/core.js']);
    });

    it('runs the gate from a clone of that tag alone, as the runner does: action.yml names the file, node runs it', async () => {
      const action = path.join(work, 'action-ref');
      await runGit(work, ['clone', '--quiet', '--branch', `v${version}`, '--depth', '1', dryRun.remote, action]);
      const metadata = parse(await fs.readFile(path.join(action, 'action.yml'), 'utf8')) as { runs: { using: string; main: string } };
      assert.equal(metadata.runs.using, 'node24');
      // The pull request: a pilot PM's clean change on a branch of the sample repository.
      const branch = 'alice/confirm-order';
      fake.addRepo('acme', 'shop', { branches: { [branch]: 2 } });
      fake.addPullRequest('acme', 'shop', { head: branch, author: 'alice' });
      const workspace = path.join(work, 'workspace', 'shop');
      createSampleRepo(workspace, { branch, commit: true });
      await fs.writeFile(path.join(workspace, PLANNING_PATH), PLANNING_TEXT);
      await runGit(workspace, ['add', '--', PLANNING_PATH]);
      await runGit(workspace, ['commit', '--quiet', '--no-verify', '-m', 'Checkout: the planning doc']);
      const files = runnerFiles(await tempDir('release-runner'), pullRequestEvent({ branch, body: `## Planning doc\n\n[\`${PLANNING_PATH}\`](x)\n\n## AI assistance\n\nNo AI assistance detected or declared.\n` }));
      const env = runnerEnv({ ...isolatedGitEnv, PATH: process.env.PATH }, { workspace, files, apiUrl: fake.apiUrl, token: fake.token });
      const child = spawn(process.execPath, [path.join(action, metadata.runs.main)], { cwd: workspace, env });
      let log = '';
      child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
      const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
      assert.equal(code, 0, log);
      assert.match(await fs.readFile(files.summaryPath, 'utf8'), /^## ✅ PM PR Review/m);
      assert.match(await fs.readFile(files.outputPath, 'utf8'), /result<<[\s\S]*passed/);
      assert.equal(fake.comments('acme', 'shop', 1).length, 1);
    });
  });
});
