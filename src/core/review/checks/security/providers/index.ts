// One rule per provider, grouped by what the credential opens.
import type { SecretRule } from '../secretRules';
import { AI_RULES } from './ai';
import { AWS_SECRET_KEY_NEAR_ID, CLOUD_RULES } from './cloud';
import { COMMERCE_RULES } from './commerce';
import { HEADER_RULES } from './headers';
import { KEY_RULES } from './keys';
import { MESSAGING_RULES } from './messaging';
import { SOURCE_HOSTING_RULES } from './sourceHosting';

export const PROVIDER_RULES: readonly SecretRule[] = [
  ...KEY_RULES,
  ...CLOUD_RULES,
  ...SOURCE_HOSTING_RULES,
  ...MESSAGING_RULES,
  ...COMMERCE_RULES,
  ...AI_RULES,
  ...HEADER_RULES,
  // Last: it has no prefix, and a prefixed token's body must not be taken for it.
  AWS_SECRET_KEY_NEAR_ID,
];
