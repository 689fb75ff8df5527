// Which package manager a repository uses, and that manager's words for what
// PM Zone asks of it: every hint, hook line and written file says `pnpm exec`
// in a pnpm repository, never an `npx` that fails there.
import type { FileSource } from '../types';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry' | 'bun';

export interface PackageManager {
  name: PackageManagerName;
  /** What it was told by: `package.json packageManager`, a lockfile, or nothing (npm, the default). */
  from: string;
  /** The root holds a workspace (pnpm-workspace.yaml, or package.json `workspaces`). */
  workspace: boolean;
  /** Yarn's Plug'n'Play: no node_modules folder, programs run through `yarn`. */
  plugAndPlay: boolean;
  /** Runs PM Zone as the project installs it, never a download: `pnpm exec pm-zone`. */
  exec: string;
  /** Runs PM Zone once, fetching it when the project does not list it yet (a first set-up): `pnpm dlx pm-zone`. */
  oneOff: string;
  /** Adds PM Zone to the project's dev dependencies, at a workspace's root. */
  addDev: string;
  /** Installs what package.json lists. */
  install: string;
  /** The package.json script the manager runs on every install of the project itself. */
  installScript: 'prepare' | 'postinstall';
}

const PACKAGE = 'pm-zone';

/** The words of each manager; `workspace` adds the flag that allows a dependency of the root. */
function words(name: PackageManagerName, workspace: boolean): Pick<PackageManager, 'exec' | 'oneOff' | 'addDev' | 'install' | 'installScript'> {
  switch (name) {
    case 'pnpm':
      return { exec: `pnpm exec ${PACKAGE}`, oneOff: `pnpm dlx ${PACKAGE}`, addDev: `pnpm add -D${workspace ? ' -w' : ''} ${PACKAGE}`, install: 'pnpm install', installScript: 'prepare' };
    case 'yarn':
      // Yarn 1 has no dlx: npx, which every Node installation has, fetches a program once.
      return { exec: `yarn ${PACKAGE}`, oneOff: `npx ${PACKAGE}`, addDev: `yarn add --dev${workspace ? ' -W' : ''} ${PACKAGE}`, install: 'yarn install', installScript: 'prepare' };
    case 'yarn-berry':
      // Yarn 2 and later run no `prepare` of the project itself; `postinstall` they do.
      return { exec: `yarn ${PACKAGE}`, oneOff: `yarn dlx ${PACKAGE}`, addDev: `yarn add --dev ${PACKAGE}`, install: 'yarn install', installScript: 'postinstall' };
    case 'bun':
      return { exec: `bunx --no-install ${PACKAGE}`, oneOff: `bunx ${PACKAGE}`, addDev: `bun add --dev ${PACKAGE}`, install: 'bun install', installScript: 'prepare' };
    default:
      return { exec: `npx --no-install ${PACKAGE}`, oneOff: `npx ${PACKAGE}`, addDev: `npm install --save-dev ${PACKAGE}`, install: 'npm install', installScript: 'prepare' };
  }
}

/** A manager by name, as a command line or a test names it. */
export function packageManagerNamed(name: PackageManagerName, details: Partial<Pick<PackageManager, 'from' | 'workspace' | 'plugAndPlay'>> = {}): PackageManager {
  const workspace = details.workspace ?? false;
  return { name, from: details.from ?? 'given', workspace, plugAndPlay: details.plugAndPlay ?? false, ...words(name, workspace) };
}

/** npm, the manager every Node installation has, when the repository names none. */
export const DEFAULT_PACKAGE_MANAGER: PackageManager = packageManagerNamed('npm', { from: 'no package manager named: npm, which every Node installation has' });

/** Every manager PM Zone speaks for. */
export const PACKAGE_MANAGER_NAMES: readonly PackageManagerName[] = ['npm', 'pnpm', 'yarn', 'yarn-berry', 'bun'];

/** Corepack's package.json `packageManager` field, `pnpm@9.1.0`: the name, then the major version. */
export const PACKAGE_MANAGER_FIELD = /^(npm|pnpm|yarn|bun)@(\d+)?/;

/** What tells Yarn 2 and later ("berry") from Yarn 1 without a version: this file at the root, or a lockfile that starts a `__metadata` block. */
export const YARN_BERRY_FILE = '.yarnrc.yml';
export const YARN_BERRY_LOCKFILE = /^__metadata:/m;

/** A pnpm workspace's file at the root (other managers say `workspaces` in package.json). */
export const PNPM_WORKSPACE_FILE = 'pnpm-workspace.yaml';

/** The lockfiles, in the order they are asked about. */
export const LOCKFILES: readonly [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * The repository's package manager, from the root's package.json
 * `packageManager` field (Corepack's, `pnpm@9.1.0`), else its lockfile,
 * else npm. Yarn is told apart by version (1 is classic; 2 and later,
 * "berry", also by a `.yarnrc.yml` or a lockfile with `__metadata`).
 */
export async function detectPackageManager(files: FileSource): Promise<PackageManager> {
  const exists = async (path: string) => ((await files.size?.(path)) ?? (await files.readText(path))?.length) !== undefined;
  const manifest = readManifest(await files.readText('package.json'));
  const workspace = manifest.workspaces || (await exists(PNPM_WORKSPACE_FILE));
  const plugAndPlay = (await exists('.pnp.cjs')) || (await exists('.pnp.js'));
  const declared = PACKAGE_MANAGER_FIELD.exec(manifest.packageManager ?? '');
  if (declared) {
    const name = declared[1] === 'yarn' ? (Number(declared[2] ?? 1) >= 2 ? 'yarn-berry' : 'yarn') : (declared[1] as PackageManagerName);
    return packageManagerNamed(name, { from: `package.json "packageManager": "${manifest.packageManager}"`, workspace, plugAndPlay });
  }
  for (const [lockfile, name] of LOCKFILES) {
    if (!(await exists(lockfile))) continue;
    const berry = name === 'yarn' && ((await exists(YARN_BERRY_FILE)) || YARN_BERRY_LOCKFILE.test((await files.readText(lockfile)) ?? ''));
    return packageManagerNamed(berry ? 'yarn-berry' : name, { from: lockfile, workspace, plugAndPlay });
  }
  return { ...DEFAULT_PACKAGE_MANAGER, workspace, plugAndPlay };
}

function readManifest(text: string | undefined): { packageManager?: string; workspaces: boolean } {
  try {
    const manifest = JSON.parse(text ?? '{}') as { packageManager?: unknown; workspaces?: unknown };
    return {
      ...(typeof manifest.packageManager === 'string' ? { packageManager: manifest.packageManager.trim() } : {}),
      workspaces: Array.isArray(manifest.workspaces) || (typeof manifest.workspaces === 'object' && manifest.workspaces !== null),
    };
  } catch {
    return { workspaces: false };
  }
}

/** The project lists PM Zone among its dependencies (package.json at the root). */
export function listsPmZone(packageJson: string | undefined): boolean {
  try {
    const manifest = JSON.parse(packageJson ?? '{}') as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
    return manifest.devDependencies?.[PACKAGE] !== undefined || manifest.dependencies?.[PACKAGE] !== undefined;
  } catch {
    return false;
  }
}
