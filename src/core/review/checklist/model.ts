import type { Finding, Problem } from '../../types';

/** One `- [ ]` item of the PM PR Review skill file. */
export interface ChecklistItem {
  /** Stable across runs while the section title and item text stay: `<section slug>/<item slug>`. */
  id: string;
  /** Title of the `##` section the item is in. */
  section: string;
  /** The item as a PM reads it, without the checkbox or check markers. */
  text: string;
  /** 1-based line in the skill file; null for the always-on items PM Zone adds itself. */
  line: number | null;
  /** Built-in check ids the item maps to; empty when the item is manual. */
  checks: string[];
  /** No automated check: the PM ticks it. */
  manual: boolean;
  /** A failure of this item stops the pull request. */
  blocking: boolean;
}

export interface ChecklistSection {
  title: string;
  line: number | null;
  /** The title speaks of security or privacy, or says it blocks. */
  blocking: boolean;
  items: ChecklistItem[];
}

export interface Checklist {
  /** Repository-relative path of the skill file, or `built-in`. */
  file: string;
  /** From the YAML front matter. */
  name?: string;
  description?: string;
  sections: ChecklistSection[];
  /** Every item of every section, in order. */
  items: ChecklistItem[];
  /** What could not be understood, each with its line. */
  problems: Problem[];
}

export type ItemStatus = 'passed' | 'failed' | 'not-applicable' | 'manual-ticked' | 'manual-open';

export interface EvaluatedItem {
  item: ChecklistItem;
  status: ItemStatus;
  /** The findings of the item's checks (empty unless failed). */
  findings: Finding[];
  /** Passed: what its checks found that answers it, in plain words (`Check.found`). */
  found?: string;
}
