import * as vscode from 'vscode';
import { DEFAULT_PLANNING_TEMPLATE, DEFAULT_SKILL_FILE } from '../core/defaults';
import { repositoryFilePath } from '../core/policy/repoPath';

/**
 * Typed access to the `pmZone.*` settings. VS Code answers each with
 * package.json's default when nobody set it; that default is named once in
 * src/core/defaults.ts, where the command line reads it too, and
 * test/unit/manifest/defaults.test.ts fails when package.json says otherwise.
 */
export interface PmZoneSettings {
  policyFile: string;
  skillFile: string;
  planningTemplate: string;
  codeownersFlavor: 'github' | 'gitlab';
  identity: string;
  'badges.enabled': boolean;
  'review.base': string;
  'review.maxFiles': number;
  'review.maxLines': number;
  'review.sourceLocale': string;
  'review.runOnChange': boolean;
  'pullRequest.labels': { pmAuthored: string; aiAssisted: string; needsPairing: string };
  'github.provider': 'github' | 'github-enterprise';
}

export type SettingKey = keyof PmZoneSettings;

export function setting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): PmZoneSettings[K] {
  return vscode.workspace.getConfiguration('pmZone', scope).get(key) as PmZoneSettings[K];
}

export function affectsPmZone(event: vscode.ConfigurationChangeEvent, ...keys: SettingKey[]): boolean {
  return keys.length === 0
    ? event.affectsConfiguration('pmZone')
    : keys.some((key) => event.affectsConfiguration(`pmZone.${key}`));
}

const POLICY_PATH_DEFAULTS = { skillFile: DEFAULT_SKILL_FILE, planningTemplate: DEFAULT_PLANNING_TEMPLATE } as const;
const warned = new Set<string>();

/**
 * A policy file's path setting, checked as the command line checks
 * `--policy-file`: workspace settings travel with a repository, so one that
 * is absolute or leaves it (`../team-rules.md`) is refused, said once, and
 * the default is read instead.
 */
export function policyPath(key: keyof typeof POLICY_PATH_DEFAULTS, scope?: vscode.ConfigurationScope): string {
  const value = setting(key, scope);
  const checked = repositoryFilePath(value);
  if (checked) return checked;
  const fallback = POLICY_PATH_DEFAULTS[key];
  if (!warned.has(`${key}\0${value}`)) {
    warned.add(`${key}\0${value}`);
    void vscode.window.showWarningMessage(`PM Zone: pmZone.${key} is "${value}", which is not a file inside the repository, so it is not read; ${fallback} is read instead.`);
  }
  return fallback;
}

/**
 * `pmZone.policyFile` when someone set it (checked as `policyPath` checks the
 * others); undefined when empty, the default: then the zone is wherever
 * the core's zoneLocation finds it (the instruction file that holds it),
 * exactly as the command line, the hook and the Action find it.
 */
export function policyFileSetting(scope?: vscode.ConfigurationScope): string | undefined {
  const value = (setting('policyFile', scope) ?? '').trim();
  if (value === '') return undefined;
  const checked = repositoryFilePath(value);
  if (checked) return checked;
  if (!warned.has(`policyFile\0${value}`)) {
    warned.add(`policyFile\0${value}`);
    void vscode.window.showWarningMessage(`PM Zone: pmZone.policyFile is "${value}", which is not a file inside the repository, so it is not read; the zone is read from the instruction file that holds it instead.`);
  }
  return undefined;
}
