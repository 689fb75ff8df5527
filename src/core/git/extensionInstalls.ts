import * as path from 'node:path';

/**
 * Where an update of an editor extension puts its command line: VS Code
 * installs each version in a folder of its own, `<publisher>.<name>-<version>`
 * (lower case), next to the others, and removes the old one. Undefined for an
 * extension run from a source checkout, whose folder is named otherwise.
 */
export function newerInstallsGlob(extensionPath: string, extensionId: string, script: string): string | undefined {
  const folder = path.basename(extensionPath);
  const prefix = `${extensionId}-`;
  if (!folder.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  // A version starts with a digit: `acme.tool-*` alone would match `acme.tool-extras-1.0.0` too.
  return path.join(path.dirname(extensionPath), `${folder.slice(0, prefix.length)}[0-9]*`, ...script.split('/'));
}

/** True for a hook text that runs `script`, or another version of it matching `newerInstalls`. */
export function hookRunsInstall(hook: string, script: string, newerInstalls: string | undefined): boolean {
  if (hook.includes(script)) return true;
  return newerInstalls !== undefined && hook.includes(newerInstalls.slice(0, newerInstalls.search(/[[*]/)));
}
