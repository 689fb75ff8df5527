// What each check is about, in words a PM and a code-scanning page can show:
// the registry's, or a generic answer for ids this version does not know.
import type { Severity } from '../../types';
import { aboutCheck } from '../registry';

export interface CheckDescription {
  title: string;
  description: string;
  help: string;
  defaultSeverity: Severity;
  /** Security and privacy checks: always on, always blocking. */
  security: boolean;
}

export function describeCheck(check: string): CheckDescription {
  const about = aboutCheck(check);
  if (!about) return { title: check, description: `Finding of the ${check} check.`, help: 'See the message of each finding.', defaultSeverity: 'warning', security: false };
  const { title, description, help, defaultSeverity, alwaysOn } = about;
  return { title, description, help, defaultSeverity, security: alwaysOn !== undefined };
}
