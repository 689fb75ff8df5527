// The real coding-agent programs the agent clients' tier drives: each one
// pinned, installed from the npm registry on first use into .agent-clients/
// (gitignored, like .vscode-test/ for code-server), and checked by asking
// it its version. Nothing else is downloaded: the native programs come as
// the packages' platform dependencies.
//
//   node scripts/agent-clients.mjs [NAME...]   installs them (all by default), and the package managers' too
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installOnce, runNpmInstall } from './vscode-host/install.mjs';

export const repositoryRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Each agent's npm package, the version the tier is pinned to, and the program it puts in node_modules/.bin. */
export const AGENT_CLIENTS = {
  claude: { title: 'Claude Code', packageName: '@anthropic-ai/claude-code', version: '2.1.331', bin: 'claude' },
  gemini: { title: 'Gemini CLI', packageName: '@google/gemini-cli', version: '0.61.0', bin: 'gemini' },
  copilot: { title: 'Copilot CLI', packageName: '@github/copilot', version: '1.0.102', bin: 'copilot' },
  codex: { title: 'Codex CLI', packageName: '@openai/codex', version: '0.169.0', bin: 'codex' },
};

export const AGENT_CLIENT_NAMES = Object.keys(AGENT_CLIENTS);

/**
 * The package managers whose repositories the tier guards (npm is the one
 * Node brings): each pinned and installed the same way, beside the agents.
 * Yarn 2 and later ship as @yarnpkg/cli-dist, the program Corepack fetches.
 */
export const PACKAGE_MANAGER_PROGRAMS = {
  pnpm: { title: 'pnpm', packageName: 'pnpm', version: '9.15.9', bin: 'pnpm' },
  yarn: { title: 'Yarn 1', packageName: 'yarn', version: '1.22.22', bin: 'yarn' },
  'yarn-berry': { title: 'Yarn 4', packageName: '@yarnpkg/cli-dist', version: '4.18.1', bin: 'yarn' },
  bun: { title: 'Bun', packageName: 'bun', version: '1.4.5', bin: 'bun' },
};

export const PACKAGE_MANAGER_PROGRAM_NAMES = Object.keys(PACKAGE_MANAGER_PROGRAMS);

/**
 * The git hook managers the real-repositories tier runs in the trees that
 * commit their configuration, each at the version the tree's package.json
 * names (husky 7's `husky install` and husky 9's `husky` wire hooks
 * differently). Installed without their install scripts (lefthook's would
 * wire the hooks of whatever repository npm runs in) and never asked their
 * version: husky 9 reads any argument as the folder to wire.
 */
export const HOOK_MANAGER_PACKAGES = {
  husky: { title: 'husky', packageName: 'husky', bin: 'husky' },
  lefthook: { title: 'lefthook', packageName: 'lefthook', bin: 'lefthook' },
};

/** Hook manager `name` at `version`, installed first when it is not yet; its program. */
export async function ensureHookManagerProgram(name, version, { root = repositoryRoot, log = (line) => console.error(line) } = {}) {
  const manager = HOOK_MANAGER_PACKAGES[name];
  if (!manager) throw new Error(`Unknown hook manager: ${name} (one of ${Object.keys(HOOK_MANAGER_PACKAGES).join(', ')})`);
  const paths = programPaths(name, { ...manager, version }, root);
  const installed = () => existsSync(paths.marker) && existsSync(paths.program);
  if (!installed()) {
    await installOnce(paths.installDir, installed, async () => {
      log(`Installing ${paths.spec} from npm into ${paths.installDir} (once)…`);
      rmSync(paths.installDir, { recursive: true, force: true });
      mkdirSync(paths.installDir, { recursive: true });
      try {
        await runNpmInstall(paths, { binary: process.execPath }, { npm_config_ignore_scripts: 'true' });
        const said = JSON.parse(readFileSync(join(paths.installDir, 'node_modules', paths.packageName, 'package.json'), 'utf8')).version;
        if (said !== version) throw new Error(`npm installed ${paths.packageName} ${said}, not ${version}`);
      } catch (error) {
        throw new Error(`Could not install ${paths.spec}, which the real-repositories tier needs: ${error.message}\nTo try by hand: npm install --prefix ${paths.installDir} --ignore-scripts ${paths.spec}`, { cause: error });
      }
      writeFileSync(paths.marker, `${paths.spec} installed ${new Date().toISOString()}\n`);
    }, log);
  }
  return paths.program;
}

/** Where agent `name` is installed (under `root`/.agent-clients/), and its program. */
export function agentClientPaths(name, root = repositoryRoot) {
  const client = AGENT_CLIENTS[name];
  if (!client) throw new Error(`Unknown agent client: ${name} (one of ${AGENT_CLIENT_NAMES.join(', ')})`);
  return programPaths(name, client, root);
}

/**
 * Where package manager `name` is installed (under `root`/.agent-clients/),
 * and its program: at its pinned version, or at `version` (a real tree's
 * Yarn 3 or 4, as its package.json names it to Corepack).
 */
export function packageManagerProgramPaths(name, root = repositoryRoot, version = undefined) {
  const program = PACKAGE_MANAGER_PROGRAMS[name];
  if (!program) throw new Error(`Unknown package manager: ${name} (one of ${PACKAGE_MANAGER_PROGRAM_NAMES.join(', ')})`);
  return programPaths(name, version === undefined ? program : { ...program, version, title: `${program.title.replace(/\s+\d+$/, '')} ${version}` }, root);
}

function programPaths(name, client, root) {
  const installDir = join(root, '.agent-clients', `${name}-${client.version}`);
  return {
    ...client,
    name,
    spec: `${client.packageName}@${client.version}`,
    installDir,
    program: join(installDir, 'node_modules', '.bin', client.bin),
    marker: join(installDir, '.installed'),
    installLog: join(installDir, 'install.log'),
  };
}

/**
 * Agent `name`'s program, installed first when it is not yet. Throws, naming
 * the package, the npm command and the end of npm's log, when it cannot be
 * installed or does not answer with its pinned version: the tier never runs
 * without it.
 */
export async function ensureAgentClient(name, { root = repositoryRoot, env = {}, log = (line) => console.error(line) } = {}) {
  return ensureProgram(agentClientPaths(name, root), env, log);
}

/** Package manager `name`'s program (at `version`, else the pinned one), installed first when it is not yet, as ensureAgentClient does. */
export async function ensurePackageManagerProgram(name, { root = repositoryRoot, env = {}, log = (line) => console.error(line), version = undefined } = {}) {
  return ensureProgram(packageManagerProgramPaths(name, root, version), env, log);
}

async function ensureProgram(paths, env, log) {
  const installed = () => existsSync(paths.marker) && existsSync(paths.program);
  if (!installed()) {
    await installOnce(paths.installDir, installed, () => install(paths, env, log), log);
  }
  return paths.program;
}

async function install(paths, env, log) {
  const started = Date.now();
  log(`Installing ${paths.title} (${paths.spec}) from npm into ${paths.installDir} (once)…`);
  rmSync(paths.installDir, { recursive: true, force: true });
  mkdirSync(paths.installDir, { recursive: true });
  try {
    await runNpmInstall(paths, { binary: process.execPath }, env);
    // Asked with the install folder as its home and cache: Copilot CLI unpacks itself there, once, for every session.
    const asking = { ...process.env, HOME: paths.installDir, XDG_CACHE_HOME: join(paths.installDir, '.cache') };
    const said = execFileSync(paths.program, ['--version'], { encoding: 'utf8', env: asking, stdio: ['ignore', 'pipe', 'pipe'] });
    if (!said.includes(paths.version)) throw new Error(`${paths.program} --version said ${JSON.stringify(said.trim())}, not ${paths.version}`);
  } catch (error) {
    throw new Error(`Could not install ${paths.title} (${paths.spec}), which the agent clients’ tier needs: ${error.message}\nTo try by hand: npm install --prefix ${paths.installDir} ${paths.spec}`, { cause: error });
  }
  writeFileSync(paths.marker, `${paths.spec} installed ${new Date().toISOString()}\n`);
  log(`Installed ${paths.title} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [...AGENT_CLIENT_NAMES, ...PACKAGE_MANAGER_PROGRAM_NAMES];
  // No top-level await: the TypeScript tests load this file as CommonJS.
  (async () => {
    for (const name of names) console.log(await (PACKAGE_MANAGER_PROGRAMS[name] ? ensurePackageManagerProgram(name) : ensureAgentClient(name)));
  })().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
