// Payments and commerce: keys that move money or read customers.
import type { SecretRule } from '../secretRules';
import { token } from './shapes';

export const COMMERCE_RULES: readonly SecretRule[] = [
  token('Stripe live key', /^[sr]k_(?:live|prod)_/, '[sr]k_(?:live|prod)_[A-Za-z0-9]{16,247}'),
  // A test-mode key cannot move money or read live customers, so it warns
  // instead of blocking; it still opens the account's test data.
  token('Stripe test key', /^[sr]k_test_/, '[sr]k_test_[A-Za-z0-9]{16,247}', { severity: 'warning', advice: 'remove it and keep it in a secret store' }),
  token('Stripe webhook secret', /^whsec_/, 'whsec_[A-Za-z0-9]{32,}'),
  // App secret keys (`shpss_`) became base62 in 2024; access tokens stay hex.
  token('Shopify token', /^shp(?:at|ca|pa|ss)_/, 'shp(?:at|ca|pa)_[a-fA-F0-9]{32}|shpss_[A-Za-z0-9]{32}'),
  token('Square token', /^(?:sq0atp-|sq0csp-|EAAA)/, 'sq0atp-[0-9A-Za-z_-]{22}|sq0csp-[0-9A-Za-z_-]{43}|EAAA[A-Za-z0-9_-]{60}', { edge: 'A-Za-z0-9_-' }),
];
