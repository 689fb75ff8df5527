import * as vscode from 'vscode';

/**
 * Typed access to the `pmZone.*` settings. Defaults live only in package.json;
 * the fallbacks here exist for the type system and are never reached when the
 * manifest is installed (a test compares them).
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
