/** The three kinds of software a PM may build, each with its own definition of done. */
export const TIERS = ['prototype', 'internal-tool', 'production'] as const;

export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Readonly<Record<Tier, string>> = {
  prototype: 'Prototype',
  'internal-tool': 'Internal tool',
  production: 'Production',
};

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

/**
 * The tier a mistyped value most likely meant ("Production", "internal tool",
 * "proto"), or `production` when nothing resembles one: the strictest tier is
 * the safe guess, since its definition of done includes the others'.
 */
export function closestTier(value: string): Tier {
  const wanted = value.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (wanted.length === 0) return 'production';
  const exact = TIERS.find((tier) => tier === wanted || TIER_LABELS[tier].toLowerCase().replace(/\s+/g, '-') === wanted);
  if (exact) return exact;
  const byPrefix = TIERS.find((tier) => tier.startsWith(wanted) || wanted.startsWith(tier.split('-')[0]));
  return byPrefix ?? 'production';
}
