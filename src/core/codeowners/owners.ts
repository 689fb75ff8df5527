// Owner syntax. Whether an owner exists or may review cannot be known
// offline; only the form is checked here.

import type { CodeownersFlavor } from './model';

// Fixed expressions (never built from input), each linear: the character
// classes on either side of every separator are disjoint.
const GITHUB_USER = /^@[A-Za-z0-9-]+(?:_[A-Za-z0-9]+)?$/;
const GITHUB_TEAM = /^@[A-Za-z0-9-]+(?:_[A-Za-z0-9]+)?\/[A-Za-z0-9_-]+$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
// GitLab: users and (nested) groups may hold `.` and `_`; `@@role` names a role.
const GITLAB_USER_OR_GROUP = /^@[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;
const GITLAB_ROLE = /^@@[A-Za-z]+$/;

/** No valid owner comes close; refusing longer tokens keeps the checks cheap on garbage. */
const MAX_OWNER_LENGTH = 320;

export function isValidOwner(token: string, flavor: CodeownersFlavor): boolean {
  if (token.length > MAX_OWNER_LENGTH) return false;
  if (EMAIL.test(token)) return true;
  if (flavor === 'gitlab') return GITLAB_USER_OR_GROUP.test(token) || GITLAB_ROLE.test(token);
  return GITHUB_USER.test(token) || GITHUB_TEAM.test(token);
}
