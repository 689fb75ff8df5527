export { dangerousCodeCheck } from './dangerousCode';
export { piiCheck } from './pii';
export { secretCheck } from './secrets';
