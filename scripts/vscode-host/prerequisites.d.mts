/** Throws one readable line naming each missing Debian package and the command that installs them. */
export function requirePrerequisites(names: string[]): void;
export function missingPrerequisites(names: string[]): string[];
export const ALL_PREREQUISITES: string[];
/** The first executable called `name` on PATH, or undefined. */
export function findOnPath(name: string): string | undefined;
/** Installs the missing packages among `names` as root or with passwordless sudo, printing the command; else throws with it. */
export function installMissingPrerequisites(names?: string[], log?: (line: string) => void): void;
