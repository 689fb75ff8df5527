/**
 * The sections of a PLANNING.md, in the order they appear. The built-in
 * template, the checker (which sections are required, what a missing one
 * looks like) and the snippets all derive from this one list.
 */
export interface PlanningSection {
  /** Stable id used in code. */
  id: PlanningSectionId;
  /** The heading as the template writes it. */
  heading: string;
  /** Other headings the checker accepts for this section, already normalised (see `normaliseHeading`). */
  aliases: readonly string[];
  /**
   * What the PM replaces, written as an HTML comment: it does not show in the
   * rendered doc, and a section holding nothing else is recognisably unwritten.
   * May hold `{{#regulated}}`/`{{^regulated}}` blocks, never value placeholders.
   */
  guidance: string;
  /** Pre-filled markdown under the guidance, with placeholders; counts as written content. */
  prefill?: string;
  required: boolean;
  /** Only in regulated mode: dropped from the standard template and not required there. */
  regulatedOnly: boolean;
  /** Only for a change behind a flag: dropped from the template and not required for `flag: none`. */
  flagOnly?: true;
}

export type PlanningSectionId =
  | 'problem'
  | 'intent'
  | 'scope'
  | 'out-of-scope'
  | 'rollout'
  | 'metric'
  | 'analytics'
  | 'rollback'
  | 'risks'
  | 'ai-assistance'
  | 'protected-data'
  | 'sign-offs';

export const PLANNING_SECTIONS: readonly PlanningSection[] = [
  {
    id: 'problem',
    heading: 'Problem',
    aliases: ['problem statement', 'the problem', 'why'],
    guidance: '<!-- Describe the user problem this change solves, for whom, and how you know it is real (a ticket, a quote, a number). -->',
    required: true,
    regulatedOnly: false,
  },
  {
    id: 'intent',
    heading: 'Intent',
    aliases: ['intended change', 'intended outcome', 'what changes', 'proposal'],
    guidance: '<!-- Describe what will be different for the user once this ships, in one or two sentences. -->',
    required: true,
    regulatedOnly: false,
  },
  {
    id: 'scope',
    heading: 'Scope',
    aliases: ['in scope'],
    guidance: '<!-- List the files this change touches; remove the globs below that it does not need. Keep it to one thing. -->',
    prefill: 'Feature folder: `{{feature}}`\n\nPM-zone files this change may touch:\n\n{{scope}}',
    required: true,
    regulatedOnly: false,
  },
  {
    id: 'out-of-scope',
    heading: 'Out of scope',
    aliases: ['non goals', 'not in scope'],
    guidance: '<!-- Optional: what this change deliberately leaves alone, so reviewers do not ask. -->',
    required: false,
    regulatedOnly: false,
  },
  {
    id: 'rollout',
    heading: 'Feature flag and rollout plan',
    aliases: ['feature flag', 'rollout plan', 'rollout', 'flag and rollout plan', 'feature flag and rollout'],
    guidance:
      '<!-- Describe how the flag is rolled out: who sees the change first, the steps (for example 5%, 50%, 100%), and what must hold before each step. -->',
    required: true,
    regulatedOnly: false,
    flagOnly: true,
  },
  {
    id: 'metric',
    heading: 'Primary metric and baseline',
    aliases: ['primary metric', 'metric and baseline', 'metrics', 'success metric'],
    guidance: '<!-- Name the one number this change should move, its value today, where it is measured, and the direction you expect. -->',
    prefill: '- Metric: {{metric}}\n- Baseline: TBD\n- Expected direction: TBD',
    required: true,
    regulatedOnly: false,
  },
  {
    id: 'analytics',
    heading: 'Analytics events',
    aliases: ['analytics', 'events', 'telemetry'],
    guidance: '<!-- Optional: new analytics events and their properties. Additions only; never capture personal data. -->',
    required: false,
    regulatedOnly: false,
  },
  {
    id: 'rollback',
    heading: 'Rollback',
    aliases: ['rollback plan', 'roll back', 'roll back plan'],
    guidance: '<!-- Say who can flip the flag and how fast, and what a flag flip does not undo (data written, messages sent). -->',
    prefill: '{{#flag}}Turn off `{{flag}}`.{{/flag}}{{^flag}}No feature flag to turn off: revert the pull request.{{/flag}}',
    required: true,
    regulatedOnly: false,
  },
  {
    id: 'risks',
    heading: 'Risks',
    aliases: ['risks and mitigations'],
    guidance: '<!-- Optional: what could go wrong, how likely it is, and what limits the damage. -->',
    prefill: '| Risk | Likelihood | Mitigation |\n| --- | --- | --- |\n| _Describe a risk_ | _Low, medium or high_ | _How it is limited_ |',
    required: false,
    regulatedOnly: false,
  },
  {
    id: 'ai-assistance',
    heading: 'AI assistance',
    aliases: ['ai disclosure', 'ai use', 'ai generated', 'ai generated code', 'use of ai'],
    guidance:
      '<!-- Say what was AI-generated (code, copy, prompts) and with which tool, and what you reviewed and understand line by line. Write "None" if nothing was. -->',
    required: true,
    regulatedOnly: false,
  },
  {
    id: 'protected-data',
    heading: 'Protected data',
    aliases: ['protected data statement', 'data protection'],
    guidance:
      '<!-- Regulated mode: state that this change reads, stores and sends no protected data (PHI, PCI, personal data), for example "This change touches no protected data." -->',
    required: true,
    regulatedOnly: true,
  },
  {
    id: 'sign-offs',
    heading: 'Sign-offs',
    aliases: ['sign off', 'signoffs', 'signoff', 'approvals'],
    guidance:
      '<!-- {{#regulated}}Both DRIs sign{{/regulated}}{{^regulated}}The engineering DRI signs{{/regulated}} off by approving the pull request that adds this doc; tick each box when given. -->',
    prefill: '- [ ] Engineering DRI: {{engineeringDri}}\n{{#regulated}}\n- [ ] Product DRI: {{productDri}}\n{{/regulated}}',
    required: true,
    regulatedOnly: false,
  },
];

/**
 * How headings are compared: case, numbering ("1. Problem", "2) Intent"),
 * trailing colons, `&`, hyphens and extra spaces do not matter.
 */
export function normaliseHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/^\s*(?:\d+|[a-z])[.)]\s+/, '')
    .replace(/^\s*\d+\s+/, '')
    .replace(/&/g, ' and ')
    .replace(/[-_]/g, ' ')
    .replace(/[:.!?\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The section a heading names, if any. */
export function sectionForHeading(heading: string): PlanningSection | undefined {
  const wanted = normaliseHeading(heading);
  return PLANNING_SECTIONS.find((section) => normaliseHeading(section.heading) === wanted || section.aliases.includes(wanted));
}
