import type { Check } from '../../model';
import { dangerousCodeCheck } from './dangerousCode';
import { piiCheck } from './pii';
import { secretCheck } from './secrets';

export { dangerousCodeCheck } from './dangerousCode';
export { piiCheck } from './pii';
export { secretCheck } from './secrets';

/**
 * The security-and-privacy section of the checklist. Its error findings are
 * blockers with no setting to turn them off.
 */
export const securityChecks: Check[] = [secretCheck, piiCheck, dangerousCodeCheck];
