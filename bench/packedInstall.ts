// The package as users install it, for the benches that time whole commands: packed as a release packs it, installed
// from the tarball into a project of its own, offline, as npm lays it out.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** npm's program, as each platform names it. */
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const repositoryRoot = path.resolve(__dirname, '..');

/** The tarball `npm pack` makes of this checkout in `scratch` (prepack builds the production bundles first), or `given`. */
export function packedTarball(scratch: string, given?: string): string {
  if (given) return path.resolve(given);
  const packed = execFileSync(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [report] = JSON.parse(packed.slice(packed.indexOf('['))) as { filename: string }[];
  return path.join(scratch, report.filename);
}

/** The package folder npm installs `tarball` into, in a project made in `scratch`; npm's cache is kept there too. */
export function installedPackage(tarball: string, scratch: string, env: NodeJS.ProcessEnv): string {
  const project = path.join(scratch, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'a-project', version: '1.0.0', private: true }));
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: project, env: { ...env, npm_config_cache: path.join(scratch, 'npm-cache') }, stdio: 'ignore' });
  return path.join(project, 'node_modules', 'pm-zone');
}
