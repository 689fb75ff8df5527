// The review as SARIF 2.1.0, the format GitHub code scanning uploads.
import type { Finding, Severity } from '../../types';
import type { ReviewResult } from './model';
import { describeCheck } from './rules';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where the tool is described: its Marketplace page (publisher.name of the extension). */
export const PM_ZONE_INFORMATION_URI = 'https://marketplace.visualstudio.com/items?itemName=pm-zone.pm-zone';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations?: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region?: { startLine: number; startColumn?: number };
    };
  }[];
  properties: { blocking: boolean };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; informationUri: string; version: string; rules: SarifRule[] } };
    /** Columns are counted as JavaScript counts them. */
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * One run, one rule per check id used. A finding on a whole file has a
 * location without a region; a change-wide finding (no file) has no location
 * at all, which SARIF allows but GitHub does not display.
 */
export function toSarif(result: ReviewResult, toolVersion: string, informationUri = PM_ZONE_INFORMATION_URI): SarifLog {
  const ruleIds = [...new Set(result.findings.map((finding) => finding.check))];
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'PM Zone', informationUri, version: toolVersion, rules: ruleIds.map(sarifRule) } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((finding) => sarifResult(finding, ruleIndex.get(finding.check)!)),
      },
    ],
  };
}

export function formatSarif(result: ReviewResult, toolVersion: string, informationUri?: string): string {
  return `${JSON.stringify(toSarif(result, toolVersion, informationUri), null, 2)}\n`;
}

function sarifRule(id: string): SarifRule {
  const description = describeCheck(id);
  const family = id.split('.')[0];
  return {
    id,
    name: id.split(/[.-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
    shortDescription: { text: description.title },
    fullDescription: { text: description.description },
    help: { text: description.help },
    defaultConfiguration: { level: LEVELS[description.defaultSeverity] },
    properties: { tags: description.security ? ['pm-zone', family, 'security'] : ['pm-zone', family] },
  };
}

function sarifResult(finding: Finding, ruleIndex: number): SarifResult {
  const result: SarifResult = {
    ruleId: finding.check,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    properties: { blocking: finding.blocking },
  };
  if (finding.file !== null) {
    const physicalLocation: NonNullable<SarifResult['locations']>[number]['physicalLocation'] = {
      artifactLocation: { uri: finding.file.split('/').map(encodeURIComponent).join('/') },
    };
    if (finding.line !== null) {
      physicalLocation.region = { startLine: finding.line };
      if (finding.column !== undefined) physicalLocation.region.startColumn = finding.column;
    }
    result.locations = [{ physicalLocation }];
  }
  return result;
}
