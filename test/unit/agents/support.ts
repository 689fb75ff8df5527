// The guard as a hook runs it, in this process: an agent's payload in, its
// answer out, against a real repository (the "Acme Shop" sample) with the
// real parser. The PM is the sample's git e-mail (alice@acme.test) unless
// PM_ZONE_AS says otherwise.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { vegaApart, vegaWithoutCanvas } from '../../../scripts/esbuild-plugins.mjs';
import { tempDir } from '../helpers/tempRepo';
import { runGuard, type AgentName, type HookOutput } from '../../../src/core/agents';
import { workingTreeFiles } from '../../../src/core/git';
import { parsePolicySources } from '../../../src/core/repository';

export interface GuardCall {
  parses: number;
  run(agent: AgentName, payload: object | string, env?: NodeJS.ProcessEnv): Promise<HookOutput>;
}

export function guardIn(root: string, settings: { policyFile?: string } = {}, program = 'pm-zone test'): GuardCall {
  const call: GuardCall = {
    parses: 0,
    run: (agent, payload, env = {}) => runGuard(agent, typeof payload === 'string' ? payload : JSON.stringify(payload), {
      cwd: root,
      env,
      stamp: { program },
      parseSources: (repositoryRoot, policySettings) => {
        call.parses++;
        return parsePolicySources(workingTreeFiles(repositoryRoot), policySettings);
      },
      settings,
    }),
  };
  return call;
}

/** The JSON object an answer holds; fails on anything else on stdout. */
export function answerOf(output: HookOutput): Record<string, unknown> {
  if (output.exitCode !== 0) throw new Error(`expected exit 0, got ${output.exitCode}: ${output.stderr}`);
  if (!output.stdout.endsWith('\n') || output.stdout.trim().includes('\n')) throw new Error(`expected one line of JSON, got ${JSON.stringify(output.stdout)}`);
  return JSON.parse(output.stdout) as Record<string, unknown>;
}

export function silent(output: HookOutput): boolean {
  return output.exitCode === 0 && output.stdout === '' && output.stderr === '';
}

export function inRepo(root: string, relPath: string): string {
  return path.join(root, ...relPath.split('/'));
}

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');
let bundled: Promise<string> | undefined;

/**
 * dist/guard.js and dist/core.js bundled as scripts/build.mjs bundles them,
 * into a scratch folder laid out as an installed package (`dist/` inside a
 * `pm-zone` folder with its package.json): what node_modules/pm-zone holds.
 */
export function builtPackage(): Promise<string> {
  bundled ??= (async () => {
    const folder = path.join(await tempDir('guard-build'), 'pm-zone');
    const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' } as const;
    await Promise.all([
      build({ ...common, entryPoints: [path.join(repositoryRoot, 'src', 'cli', 'guardProgram.ts')], outfile: path.join(folder, 'dist', 'guard.js'), external: ['vscode', './core.js'] }),
      build({ ...common, entryPoints: [path.join(repositoryRoot, 'src', 'core', 'index.ts')], outfile: path.join(folder, 'dist', 'core.js'), external: ['vscode'], plugins: [vegaWithoutCanvas, vegaApart] }),
    ]);
    await fs.writeFile(path.join(folder, 'package.json'), JSON.stringify({ name: 'pm-zone', version: '0.0.0-test', bin: { 'pm-zone': './dist/cli.js' } }));
    return folder;
  })();
  return bundled;
}

/** Installs the built package into the repository, as `npm install --save-dev pm-zone` would. */
export async function installPackage(root: string): Promise<void> {
  await fs.mkdir(path.join(root, 'node_modules'), { recursive: true });
  await fs.cp(await builtPackage(), path.join(root, 'node_modules', 'pm-zone'), { recursive: true });
}
