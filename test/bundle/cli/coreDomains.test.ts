// Which bundles a command loads, and which domains of dist/core.js it runs:
// each domain asked for runs the top level of its modules (a review's locale
// tables, the markdown parser), so a command must not ask for the review's,
// the pull request's or the agents' because a help text names one of their
// constants; and the commands that only read the zone (`whoami`, `explain`)
// run from dist/zone.js, and `check-config` from dist/config.js, without
// loading dist/core.js at all. Seen from
// outside: a preload notes each bundle dist/cli.js requires (and those they
// require), wraps what they get from require('./core.js') and writes each
// domain read to a file. A bundle compiled with its code cache
// (src/cli/bundleCodeCache.ts) is not required through node's loader: the
// preload notes its compile, and the bundle on the stack that asked for it.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childEnv, spawnCli } from '../support/program';
import { CLI_CONFIG_CACHE_FILE, CLI_POLICY_CACHE_FILE } from '../../../src/core/agents';
import { git, sampleRepo, sampleWorktree } from '../../unit/cli/support/sampleRepo';
import { loggingGitOnPath } from '../../unit/helpers/gitOnPath';

const PRELOAD = `
const Module = require('node:module');
const fs = require('node:fs');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  // One of node's own modules node had loaded at its start before any code ran (node:fs, node:path) costs nothing to ask for.
  const loadedAlready = !request.startsWith('./') && process.moduleLoadList.includes('NativeModule ' + request.replace(/^node:/, ''));
  const exported = load.apply(this, arguments);
  if (!parent || !/dist[\\\\/](?:cli|run|zone|config|review)\\.js$/.test(parent.filename)) return exported;
  // node's own modules as dist/cli.js asks for them, but those node had loaded: the other bundles need theirs.
  if (!request.startsWith('./')) {
    if (/dist[\\\\/]cli\\.js$/.test(parent.filename) && !loadedAlready) fs.appendFileSync(process.env.DOMAINS_FILE, 'cli.js requires ' + request + '\\n');
    return exported;
  }
  // dist/review.js's own: what a review loads beside it.
  fs.appendFileSync(process.env.DOMAINS_FILE, (/review\\.js$/.test(parent.filename) ? 'review.js requires ' : 'requires ') + request + '\\n');
  if (request !== './core.js') return exported;
  return new Proxy(exported, { get(target, name) { fs.appendFileSync(process.env.DOMAINS_FILE, String(name) + '\\n'); return target[name]; } });
};
`;

// The bundles compiled through dist/cli.js's code cache: node's loader does not see them, vm.Script does. The bundle that
// asked is the nearest other bundle on the stack (the loader itself is dist/cli.js's).
const PRELOAD_COMPILES = `
const vm = require('node:vm');
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options);
    const name = /dist[\\\\/]([\\w-]+\\.js)$/.exec(options && options.filename || '');
    if (!name) return;
    const callers = (new Error().stack || '').split('\\n').map((line) => /dist[\\\\/]([\\w-]+)\\.js:\\d+/.exec(line)).filter(Boolean).map((match) => match[1] + '.js');
    const asker = callers.find((caller) => caller !== 'cli.js' && caller !== name[1]);
    const which = asker === 'review.js' ? 'review.js requires ' : 'requires ';
    require('node:fs').appendFileSync(process.env.DOMAINS_FILE, which + './' + name[1] + '\\n');
  }
};
`;

describe('pm-zone, the built program: the core domains a command runs', function () {
  this.timeout(60_000);
  let root: string;
  let scratch: string;

  before(async () => {
    root = await sampleWorktree({ branch: 'alice/copy', commit: true });
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'pm-zone-domains-'));
    await fs.writeFile(path.join(scratch, 'preload.cjs'), PRELOAD + PRELOAD_COMPILES);
  });

  after(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  // The check a bundle's code cache carries (node's zlib or crypto), loaded by dist/cli.js when a cache is read or written, which
  // depends on whether the bundle had settled when the run began: test/unit/cli/bundleCodeCache.test.ts holds that. `--version`
  // (no bundle) is held to loading none.
  const CODE_CACHE_CHECKS = new Set(['cli.js requires node:zlib', 'cli.js requires node:crypto']);

  async function domainsOf(argv: string[], exitCodes = [0]): Promise<string[]> {
    const file = path.join(scratch, `domains-${argv[0]}`);
    await fs.writeFile(file, '');
    const run = await spawnCli(argv, { cwd: root, env: childEnv({ NODE_OPTIONS: `--require ${path.join(scratch, 'preload.cjs')}`, DOMAINS_FILE: file }) });
    assert.ok(exitCodes.includes(run.code ?? -1), `exit ${run.code}: ${run.stderr}`);
    const domains = [...new Set((await fs.readFile(file, 'utf8')).split('\n').filter(Boolean))].sort();
    return argv[0] === '--version' ? domains : domains.filter((entry) => !CODE_CACHE_CHECKS.has(entry));
  }

  /** A run of the built program with what node had loaded when it ended (`process.moduleLoadList`). */
  async function runWithModules(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}, script?: string): Promise<{ code: number | null; stdout: string; stderr: string; loaded: string[] }> {
    const modulesFile = path.join(scratch, 'modules.json');
    const preload = path.join(scratch, 'modules.cjs');
    await fs.writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(modulesFile)}, JSON.stringify(process.moduleLoadList)));\n`);
    await fs.rm(modulesFile, { force: true });
    const options = { cwd, env: childEnv({ ...env, NODE_OPTIONS: `--require ${preload}` }) };
    // `script`: another program than the command line, run as node runs a file.
    const run = script === undefined ? await spawnCli(argv, options) : await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => execFile(process.execPath, [script, ...argv], { ...options, encoding: 'utf8' }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr })));
    return { code: run.code, stdout: run.stdout, stderr: run.stderr, loaded: JSON.parse(await fs.readFile(modulesFile, 'utf8')) as string[] };
  }

  it('whoami and explain run from dist/zone.js and load nothing of dist/core.js or dist/run.js; the markdown parser and minimatch only when a policy file changed', async () => {
    // The first run parses CLAUDE.md with dist/review-libraries.js's markdown parser, checks its globs with dist/guard-glob.js's minimatch,
    // and keeps what it found; whoami takes explain's entry.
    assert.deepEqual(await domainsOf(['explain', 'src/auth/login.ts', 'src/features/checkout/i18n/en.json']), ['requires ./guard-glob.js', 'requires ./review-libraries.js', 'requires ./zone.js']);
    assert.deepEqual(await domainsOf(['explain', 'src/auth/login.ts', 'src/features/checkout/i18n/en.json']), ['requires ./zone.js']);
    assert.deepEqual(await domainsOf(['whoami', '--as', '@alice']), ['requires ./zone.js']);
    assert.deepEqual(await domainsOf(['--json', 'whoami', '--help']), ['requires ./zone.js']);
  });

  it('check-config runs from dist/config.js and loads nothing of dist/core.js or dist/run.js; the YAML and markdown parsers only when a policy file changed', async () => {
    // The first run reads the skill file and the policy with dist/review-libraries.js's parsers, and keeps what it found.
    assert.deepEqual(await domainsOf(['check-config']), ['requires ./config.js', 'requires ./review-libraries.js']);
    assert.deepEqual(await domainsOf(['check-config']), ['requires ./config.js']);
    assert.deepEqual(await domainsOf(['--json', 'check-config', '--help']), ['requires ./config.js']);
  });

  it('explain (dist/zone.js) and check-config (dist/config.js) keep one policy cache, which each answers from', async () => {
    const cache = path.join(path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim()), CLI_POLICY_CACHE_FILE);
    await fs.rm(cache, { force: true });
    assert.equal((await spawnCli(['explain', 'src/auth/login.ts'], { cwd: root, env: childEnv() })).code, 0);
    const kept = await fs.readFile(cache, 'utf8');
    assert.equal((await spawnCli(['check-config'], { cwd: root, env: childEnv() })).code, 0);
    assert.equal((await spawnCli(['whoami'], { cwd: root, env: childEnv() })).code, 0);
    assert.equal(await fs.readFile(cache, 'utf8'), kept);
  });

  // A held entry (src/core/agents/heldEntry.ts) answers without reading, hashing or digesting: node's crypto module, with the streams it
  // brings, is about a tenth of node's own start. Held once every policy file and the entry last changed two seconds before a run started.
  it('whoami and explain load no crypto module once the entry is held, nor fs.promises for a path not made yet, and answer as they did by content', async () => {
    const own = await sampleWorktree({ branch: 'alice/copy', commit: true });
    const runIn = async (argv: string[]) => {
      const { code, stdout, stderr, loaded } = await runWithModules(argv, own);
      assert.equal(code, 0, `${argv.join(' ')}: ${stderr}`);
      return { stdout, crypto: loaded.includes('NativeModule crypto'), fsPromises: loaded.includes('NativeModule internal/fs/promises'), loaded };
    };
    const explain = ['explain', 'src/auth/login.ts', 'src/features/checkout/i18n/en.json'];
    const parsed = await runIn(explain);
    assert.equal(parsed.crypto, true, 'the first run keys its entry by the files\' hashes');
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const byContent = await runIn(explain);
    assert.equal(byContent.crypto, true, 'checked by content once, which holds it');
    const held = await runIn(explain);
    assert.equal(held.crypto, false, 'held: nothing hashed');
    assert.equal(held.stdout, parsed.stdout);
    assert.equal(held.fsPromises, false);
    // Nor node:module, whose export (node's Module class) the code cache's loader takes from its own module instead: asking
    // node:module for it loads node's ESM loader and source map modules beside it. Against what node loads for an empty file.
    const empty = path.join(scratch, 'empty.js');
    await fs.writeFile(empty, '');
    const bare = await runWithModules([], own, {}, empty);
    assert.deepEqual(held.loaded.filter((name) => /^NativeModule (module|internal\/modules\/esm\/loader|internal\/source_map\/source_map)$/.test(name) && !bare.loaded.includes(name)), []);
    // A path not made yet is answered where writing it would put it, looked up at once too: fs.promises, loaded for one readlink, was a tenth of node's start.
    const notMade = await runIn(['explain', 'src/auth/new-login.ts', 'src/features/checkout/i18n/de/new.json']);
    assert.deepEqual({ crypto: notMade.crypto, fsPromises: notMade.fsPromises }, { crypto: false, fsPromises: false });
    assert.match(notMade.stdout, /^src\/auth\/new-login\.ts: locked$/m);
    const whoami = await runIn(['whoami']);
    assert.equal(whoami.crypto, false);
    assert.match(whoami.stdout, /@/);
    // CLAUDE.md saved again unchanged (a new state, the same bytes): compared with the bytes kept beside the held record, not hashed.
    const claude = path.join(own, 'CLAUDE.md');
    await fs.writeFile(claude, await fs.readFile(claude));
    const saved = await runIn(explain);
    assert.deepEqual({ crypto: saved.crypto, stdout: saved.stdout }, { crypto: false, stdout: parsed.stdout });
    assert.equal((await runIn(['whoami'])).crypto, false);
    // An edit of CLAUDE.md is read at once: by content, with the hashes.
    await fs.writeFile(claude, (await fs.readFile(claude, 'utf8')).replace('- `**/i18n/*.json`', '- `**/i18n/*.yaml`'));
    const edited = await runIn(explain);
    assert.equal(edited.crypto, true);
    assert.match(edited.stdout, /^src\/features\/checkout\/i18n\/en\.json: outside$/m);
  });

  // check-config's own warm run: no crypto module (the launcher's hash kept with its text, the skill file's entry keyed by its
  // text, the agents' events read without building their lines) and, where the file system gives the top folder, one git process,
  // for the file listing: the common and hooks folders come from the top and the two configuration keys kept between runs
  // (user.email, core.hooksPath), and a listing of names reads no filter drivers first.
  it('check-config, warm, loads no crypto module and starts git for the file listing only; a changed launcher is hashed and said', async () => {
    const own = await sampleRepo();
    await git(own, 'config', 'user.email', 'eng@acme.test');
    const init = await spawnCli(['agents', 'init'], { cwd: own, env: childEnv() });
    assert.equal(init.code, 0, init.stderr);
    await git(own, 'add', '-A');
    await git(own, 'commit', '--quiet', '-m', 'The agents\' hooks');
    await git(own, 'config', 'user.email', 'alice@acme.test');
    const logging = await loggingGitOnPath();
    const runIn = async () => {
      await logging.asked();
      const run = await logging.withPath(() => runWithModules(['check-config'], own));
      return { code: run.code, stdout: run.stdout, crypto: run.loaded.includes('NativeModule crypto'), git: await logging.asked() };
    };
    const first = await runIn();
    assert.equal(first.code, 0, first.stdout);
    assert.match(first.stdout, /^No problems\.$/m);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await runIn();
    const warm = await runIn();
    assert.deepEqual({ code: warm.code, stdout: warm.stdout, crypto: warm.crypto }, { code: 0, stdout: first.stdout, crypto: false });
    assert.deepEqual(warm.git, ['ls-files']);
    // The launcher changed: hashed again, and the lines that expect the old hash are said, for every agent.
    await fs.appendFile(path.join(own, '.pmzone', 'guard.cjs'), '// changed\n');
    const changed = await runIn();
    assert.equal(changed.code, 1);
    assert.equal(changed.crypto, true);
    assert.match(changed.stdout, /\.claude\/settings\.json: PM Zone's hooks \(PreToolUse, SessionStart, Stop\) verify \.pmzone\/guard\.cjs by a hash it does not have/);
    assert.equal((changed.stdout.match(/by a hash it does not have/g) ?? []).length, 5);
  });

  // The one-line review the startup bench times: once its policy entries are held and its checklist kept, nothing it does hashes
  // (the last commit's entry is named by its commit, the checklist by its text, the bundle's code cache checked by CRC-32 once, then held by its state), so
  // node's crypto module, about 4 ms of its start with the streams it brings, is not loaded; the answer is the first run's.
  it('a review of a one-line change, warm, loads no crypto module nor fs.promises, and answers as the run that parsed', async () => {
    const own = await sampleRepo();
    await git(own, 'config', 'user.email', 'alice@acme.test');
    await git(own, 'update-ref', 'refs/remotes/origin/main', 'refs/heads/main');
    await git(own, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    await git(own, 'switch', '--quiet', '-c', 'pm/checkout-copy');
    const locale = path.join(own, 'src', 'features', 'checkout', 'i18n', 'en.json');
    await fs.writeFile(locale, (await fs.readFile(locale, 'utf8')).replace(/"([^"]+)": "([^"]+)"/, '"$1": "$2, now clearer"'));
    const review = async () => {
      const run = await runWithModules(['--json', 'review'], own);
      assert.equal(run.stderr, '');
      return { code: run.code, json: run.stdout, crypto: run.loaded.includes('NativeModule crypto'), fsPromises: run.loaded.includes('NativeModule internal/fs/promises') };
    };
    const parsed = await review();
    assert.equal(parsed.crypto, true, 'the first run keys its policy entry by the files\' hashes');
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await review();
    const warm = await review();
    // Nor fs.promises (src/core/git/asyncFs.ts): the working tree's files and the attribute files read through node's callbacks.
    assert.deepEqual(warm, { code: parsed.code, json: parsed.json, crypto: false, fsPromises: false });
    assert.deepEqual((JSON.parse(warm.json) as { files?: { path: string }[] }).files?.map((file) => file.path), ['src/features/checkout/i18n/en.json']);
  });

  // A review of a PM's branch (a commit past origin's main, and a line edited on disk), where the file system gives the git folder:
  // the base's refs from their files, the merge base and the commits' and the index's differences from trees read through the kept
  // cat-file. What git is still asked: the configuration (until it is kept), the objects, the commits, the working tree's
  // difference, the file listing, the commits' patches. A configuration with an include leaves the folder to git, which then
  // answers all of it: the same JSON.
  it('a review of a branch starts six git processes where the file system gives the git folder, five once its configuration is kept, with the answer git gives for all of it', async () => {
    const own = await sampleRepo();
    await git(own, 'config', 'user.email', 'alice@acme.test');
    await git(own, 'update-ref', 'refs/remotes/origin/main', 'refs/heads/main');
    await git(own, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    await git(own, 'pack-refs', '--all');
    await git(own, 'switch', '--quiet', '-c', 'pm/checkout-copy');
    const locale = path.join(own, 'src', 'features', 'checkout', 'i18n', 'en.json');
    const text = await fs.readFile(locale, 'utf8');
    await fs.mkdir(path.join(own, 'docs'), { recursive: true });
    await fs.writeFile(path.join(own, 'docs', 'notes.md'), 'Notes for the copy change.\n');
    await git(own, 'add', '--', 'docs/notes.md');
    await git(own, 'commit', '--quiet', '-m', 'Notes');
    await fs.writeFile(locale, text.replace(/"([^"]+)": "([^"]+)"/, '"$1": "$2, now clearer"'));
    const logging = await loggingGitOnPath();
    const review = async () => {
      await logging.asked();
      const run = await logging.withPath(() => spawnCli(['--json', 'review'], { cwd: own, env: childEnv() }));
      return { code: run.code, json: run.stdout, git: (await logging.asked()).sort() };
    };
    await review();
    const warm = await review();
    assert.deepEqual(warm.git, ['cat-file', 'config', 'diff', 'log', 'log', 'ls-files']);
    const files = (JSON.parse(warm.json) as { files?: { path: string }[] }).files?.map((file) => file.path);
    assert.deepEqual(files, ['docs/notes.md', 'src/features/checkout/i18n/en.json']);
    // Once every file git reads its configuration from settled, the keys a review asks and the filter drivers' names are
    // kept in the git folder (commandLineConfigKept): read once more from git's listing of where each value came from, then not.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    assert.deepEqual((await review()).git, ['cat-file', 'config', 'diff', 'log', 'log', 'ls-files']);
    const kept = await review();
    assert.deepEqual(kept.git, ['cat-file', 'diff', 'log', 'log', 'ls-files']);
    assert.deepEqual({ code: kept.code, json: kept.json }, { code: warm.code, json: warm.json });
    await fs.appendFile(path.join(own, '.git', 'config'), '[include]\n\tpath = none-here\n');
    const asked = await review();
    assert.ok(['for-each-ref', 'merge-base', 'rev-parse'].every((command) => asked.git.includes(command)), asked.git.join(' '));
    assert.ok(asked.git.filter((command) => command === 'diff').length >= 2, asked.git.join(' '));
    assert.deepEqual({ code: asked.code, json: asked.json }, { code: warm.code, json: warm.json });
  });

  // A repository with no remote (or whose remote was added by hand, with no origin/HEAD): whether origin is a remote decides
  // whether a review asks it for its default branch. That it is not was read from the whole configuration, listed on every review.
  it('a review where origin is no remote lists no configuration once its configuration is kept: whether origin is set is kept, not its address', async () => {
    const own = await sampleRepo();
    await git(own, 'config', 'user.email', 'alice@acme.test');
    await git(own, 'remote', 'remove', 'origin');
    await git(own, 'switch', '--quiet', '-c', 'pm/checkout-copy');
    const locale = path.join(own, 'src', 'features', 'checkout', 'i18n', 'en.json');
    await fs.writeFile(locale, (await fs.readFile(locale, 'utf8')).replace(/"([^"]+)": "([^"]+)"/, '"$1": "$2, now clearer"'));
    const logging = await loggingGitOnPath();
    const review = async () => {
      await logging.asked();
      const run = await logging.withPath(() => spawnCli(['--json', 'review'], { cwd: own, env: childEnv() }));
      return { code: run.code, json: run.stdout, git: (await logging.asked()).sort() };
    };
    const first = await review();
    assert.ok(first.git.includes('config'), first.git.join(' '));
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await review();
    const kept = await review();
    assert.ok(!kept.git.includes('config'), kept.git.join(' '));
    assert.deepEqual({ code: kept.code, json: kept.json }, { code: first.code, json: first.json });
    assert.match(await fs.readFile(path.join(own, '.git', CLI_CONFIG_CACHE_FILE), 'utf8'), /"set":\{"remote\.origin\.url":false\}/);
  });

  // A repository past SMALL_INDEX_BYTES (about 5,000 files) had its index's difference from the merge base listed by git
  // (`git diff --cached`) on every review: too large to read here each time. What the index holds is now kept by its checksum
  // (indexTree.ts), read once and then taken from the records folder; an index staged anew is read again, and where it holds
  // no tree this reads (too many entries to compute), git is asked. Each answer is the one git gives reading the index itself.
  it('a review of a repository past 5,000 files reads its index once, not on every review, with the answer git gives', async () => {
    const own = await sampleRepo();
    await git(own, 'config', 'user.email', 'alice@acme.test');
    const many = path.join(own, 'vendor', 'many');
    await fs.mkdir(many, { recursive: true });
    await Promise.all(Array.from({ length: 6000 }, (_, index) => fs.writeFile(path.join(many, `${String(index).padStart(5, '0')}.txt`), '')));
    await git(own, 'add', '--', 'vendor');
    await git(own, 'commit', '--quiet', '-m', 'Vendored files');
    await git(own, 'update-ref', 'refs/remotes/origin/main', 'refs/heads/main');
    await git(own, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    assert.ok((await fs.stat(path.join(own, '.git', 'index'))).size > 512 * 1024);
    await git(own, 'switch', '--quiet', '-c', 'pm/checkout-copy');
    const locale = path.join(own, 'src', 'features', 'checkout', 'i18n', 'en.json');
    await fs.writeFile(locale, (await fs.readFile(locale, 'utf8')).replace(/"([^"]+)": "([^"]+)"/, '"$1": "$2, now clearer"'));
    const logging = await loggingGitOnPath();
    const review = async (env: NodeJS.ProcessEnv = {}) => {
      await logging.asked();
      const run = await logging.withPath(() => spawnCli(['--json', 'review'], { cwd: own, env: childEnv(env) }));
      return { code: run.code, json: run.stdout, diffs: (await logging.asked()).filter((command) => command === 'diff').length };
    };
    // Git reading the index itself (a commit hook's GIT_INDEX_FILE): the working tree's difference and the index's.
    const gits = async () => {
      const asked = await review({ GIT_INDEX_FILE: path.join(own, '.git', 'index') });
      assert.equal(asked.diffs, 2);
      return { code: asked.code, json: asked.json };
    };
    const first = await review();
    assert.equal(first.diffs, 1);
    const record = path.join(own, '.git', 'pm-zone', 'index-tree.json');
    assert.equal((JSON.parse(await fs.readFile(record, 'utf8')) as { tree: string }).tree, (await git(own, 'rev-parse', 'HEAD^{tree}')).trim());
    const kept = await review();
    assert.equal(kept.diffs, 1);
    assert.deepEqual({ code: kept.code, json: kept.json }, await gits());
    // Staged: another checksum; its root's record cleared and 6,000 entries too many to compute, so git lists the index.
    await git(own, 'add', '--', locale);
    const staged = await review();
    assert.equal(staged.diffs, 2);
    assert.deepEqual({ code: staged.code, json: staged.json }, await gits());
    assert.equal((JSON.parse(await fs.readFile(record, 'utf8')) as { tree: string | null }).tree, null);
    assert.equal((await review()).diffs, 2);
  });

  it('--help reads none, from dist/run.js; --version loads no other bundle', async () => {
    assert.deepEqual(await domainsOf(['--help']), ['requires ./run.js']);
    assert.deepEqual(await domainsOf(['--version']), []);
  });

  it('--version loads no bundle and none of node\'s own modules; a review under a time limit loads node\'s child process for the review it runs', async () => {
    assert.deepEqual(await domainsOf(['--version']), []);
    // The review itself runs in a child process (its dist/cli.js, without the limit, requires dist/review.js).
    assert.deepEqual((await domainsOf(['review', '--time-limit', '60'], [0, 1])).filter((entry) => !entry.startsWith('review.js ')), ['cli.js requires node:child_process', 'cli.js requires node:fs/promises', 'requires ./review.js']);
  });
  it('makes no standard input for whoami, explain, check-config or a review, and reads it for explain --stdin', async () => {
    // process.stdin is a getter that builds a stream on first use: the preload notes the first use.
    const preload = path.join(scratch, 'stdin.cjs');
    await fs.writeFile(preload, `const own = Object.getOwnPropertyDescriptor(process, 'stdin');
Object.defineProperty(process, 'stdin', { configurable: true, enumerable: own.enumerable, get() { require('node:fs').appendFileSync(process.env.STDIN_FILE, 'made\\n'); Object.defineProperty(process, 'stdin', own); return process.stdin; } });
`);
    const madeBy = async (argv: string[], stdin?: string) => {
      const file = path.join(scratch, `stdin-${argv.join('-').replace(/[^a-z-]/gi, '')}`);
      await fs.writeFile(file, '');
      const run = await spawnCli(argv, { cwd: root, stdin, env: childEnv({ NODE_OPTIONS: `--require ${preload}`, STDIN_FILE: file }) });
      assert.ok(run.code === 0 || (argv[0] === 'review' && run.code === 1), `${argv.join(' ')}: exit ${run.code}: ${run.stderr}`);
      return { run, made: (await fs.readFile(file, 'utf8')) !== '' };
    };
    for (const argv of [['whoami'], ['explain', 'src/auth/login.ts'], ['explain', '--json', 'src/auth/login.ts'], ['check-config'], ['review']]) {
      assert.equal((await madeBy(argv, 'src/features/checkout/i18n/en.json\n')).made, false, argv.join(' '));
    }
    const read = await madeBy(['explain', '--json', '--stdin'], 'src/features/checkout/i18n/en.json\n');
    assert.equal(read.made, true);
    assert.deepEqual((JSON.parse(read.run.stdout) as { path: string; zone: string }[]).map((row) => [row.path, row.zone]), [['src/features/checkout/i18n/en.json', 'editable']]);
  });

  // node warns, once a process, when the bundle NODE_EXTRA_CA_CERTS names is not there: one warning is the parent's alone.
  it('a review under a time limit runs its review without the certificate bundle NODE_EXTRA_CA_CERTS names (the parent reads it; the review makes no TLS connection)', async () => {
    const env = childEnv({ NODE_EXTRA_CA_CERTS: path.join(scratch, 'no-such-bundle.pem') });
    const warnings = (stderr: string) => stderr.match(/extra certs/g)?.length ?? 0;
    const limited = await spawnCli(['review', '--time-limit', '60'], { cwd: root, env });
    const plain = await spawnCli(['review'], { cwd: root, env });
    assert.equal(limited.code, plain.code, limited.stderr);
    assert.equal(limited.stdout, plain.stdout);
    assert.deepEqual([warnings(limited.stderr), warnings(plain.stderr)], [1, 1]);
  });

  // The build keeps minimatch (dist/guard-glob.js) and the TOML and JSONC parsers (dist/guard-libraries.js) out of the bundles
  // that read the zone (scripts/build.mjs, guardFilesCopied): V8 compiles every byte of a bundle at each start.
  it('whoami, explain, check-config and review require minimatch from dist/guard-glob.js only to read a policy anew or for a glob that is not plain, and never the settings parsers', async () => {
    const own = await sampleWorktree({ branch: 'alice/copy', commit: true });
    const domainsIn = async (argv: string[]) => {
      const file = path.join(scratch, `domains-own-${argv[0]}`);
      await fs.writeFile(file, '');
      const run = await spawnCli(argv, { cwd: own, env: childEnv({ NODE_OPTIONS: `--require ${path.join(scratch, 'preload.cjs')}`, DOMAINS_FILE: file }) });
      return { run, domains: [...new Set((await fs.readFile(file, 'utf8')).split('\n').filter(Boolean))].filter((entry) => !CODE_CACHE_CHECKS.has(entry)).sort() };
    };
    // The sample's globs are all plain: once the policy is kept (reading CLAUDE.md anew checks its globs with minimatch), no command asks for either file.
    for (const argv of [['explain', 'src/features/checkout/prompts/welcome.txt'], ['whoami'], ['check-config'], ['review']]) {
      for (const round of ['first', 'again']) {
        const { run, domains } = await domainsIn(argv);
        assert.ok(run.code === 0 || (argv[0] === 'review' && run.code === 1), `${argv[0]}: exit ${run.code}: ${run.stderr}`);
        if (round === 'again') assert.deepEqual(domains.filter((entry) => /guard-(glob|libraries)/.test(entry)), [], argv[0]);
      }
    }
    const before = await domainsIn(['explain', 'src/features/checkout/prompts/welcome.txt']);
    assert.match(before.run.stdout, /^src\/features\/checkout\/prompts\/welcome\.txt: outside$/m);
    // A glob with braces is matched by minimatch, required from its file apart.
    const claude = path.join(own, 'CLAUDE.md');
    await fs.writeFile(claude, (await fs.readFile(claude, 'utf8')).replace('- `**/prompts/*.md`', '- `**/prompts/*.{md,txt}`'));
    const after = await domainsIn(['explain', 'src/features/checkout/prompts/welcome.txt', 'src/features/checkout/prompts/welcome.json']);
    assert.equal(after.run.code, 0, after.run.stderr);
    assert.deepEqual(after.domains, ['requires ./guard-glob.js', 'requires ./review-libraries.js', 'requires ./zone.js']);
    assert.match(after.run.stdout, /^src\/features\/checkout\/prompts\/welcome\.txt: editable\n {2}CLAUDE\.md:\d+ {2}\*\*\/prompts\/\*\.\{md,txt\} {2}PM-editable/m);
    assert.match(after.run.stdout, /^src\/features\/checkout\/prompts\/welcome\.json: outside$/m);
  });
});
