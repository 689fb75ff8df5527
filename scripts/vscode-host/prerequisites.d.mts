/** Throws one readable line naming each missing Debian package and the command that installs them. */
export function requirePrerequisites(names: string[]): void;
export function missingPrerequisites(names: string[]): string[];
export const ALL_PREREQUISITES: string[];
