// What each check is about, in words a PM and a code-scanning page can show.
import type { Severity } from '../../types';

export interface CheckDescription {
  /** A few words: the rule's title. */
  title: string;
  /** One sentence: what a finding means. */
  description: string;
  /** What to do about it. */
  help: string;
  /**
   * The severity of its findings with the built-in checklist; errors block
   * (README's check table says the same, and a test holds them together).
   */
  defaultSeverity: Severity;
  /** Security and privacy checks: always on, always blocking. */
  security: boolean;
}

const describe = (title: string, description: string, help: string, defaultSeverity: Severity, security = false): CheckDescription => ({
  title,
  description,
  help,
  defaultSeverity,
  security,
});

export const CHECK_DESCRIPTIONS: Readonly<Record<string, CheckDescription>> = {
  'zone.locked': describe('Engineering-only file changed', 'The change edits a file the PM zone reserves for engineering.', 'Undo the edit, or hand this part of the change to the engineering owner named in CODEOWNERS.', 'error'),
  'zone.outside': describe('File outside the PM zone', 'The change edits a file that is neither PM-editable nor engineering-only.', 'Ask an engineer to co-author this part of the change, or keep to the files of your feature folder.', 'warning'),
  'zone.owners': describe('Code owners to request', 'A changed file has code owners who must review it.', 'Request a review from the owners listed; PM Zone adds them when it opens the pull request.', 'info'),
  'planning.missing': describe('No PLANNING.md', 'The change has no planning doc, the justification every PM change carries.', 'Create PLANNING.md from the template (PM Zone: New planning doc) and commit it with the change.', 'error'),
  'planning.incomplete': describe('PLANNING.md incomplete', 'The planning doc misses a required section or still holds template placeholders.', 'Fill in every section of PLANNING.md and replace the placeholders.', 'warning'),
  'flags.unowned': describe('Flag you do not own', 'The change adds, removes or edits a feature flag that CLAUDE.md does not give to the author.', 'Keep to your own flags, or ask engineering to add the flag to the Owned flags table of CLAUDE.md.', 'error'),
  'flags.invalid': describe('Invalid flags file', 'flags.yaml does not parse, or a rollout is not a number from 0 to 100.', 'Fix the YAML at the line shown; write rollouts as plain numbers such as 25.', 'error'),
  'flags.ungated': describe('Change not behind a flag', 'A front-end component changed and no feature flag gates it.', 'Add or enable a flag you own in flags.yaml, name it as `flag:` in PLANNING.md, or read it in the component.', 'warning'),
  'analytics.removal': describe('Analytics event removed or renamed', 'A file open to additions only lost or renamed an event it defined.', 'Restore the existing events and add new ones instead; dashboards depend on the old names.', 'error'),
  'analytics.pii': describe('Event captures personal data', 'A new analytics event property, or a tracking call anywhere, captures personal or protected data.', 'Remove the property or send a non-identifying fact instead (for example whether an e-mail was verified).', 'error', true),
  'i18n.invalid-json': describe('Strings file does not parse', 'A strings file does not parse as JSON or YAML, so the app cannot load it.', 'Fix the file at the line and column shown (a missing comma or quote, a trailing comma, a repeated key).', 'error'),
  'i18n.removed-key': describe('Strings key removed while in use', 'A key present before is gone while the code still names it; screens that use it show the raw key.', 'Keep the key, or change the code that uses it in the same change.', 'error'),
  'i18n.placeholder-mismatch': describe('Placeholders differ from the source', 'A changed string has placeholders its source-locale string does not, or a source string asks for a value the code does not pass.', 'Keep exactly the placeholders the source string has, with the same names, in every locale.', 'error'),
  'prompts.variables': describe('Prompt variables changed', 'A prompt template gained or lost template variables.', 'Check with engineering that the code passes every variable the prompt now uses.', 'warning'),
  'security.secret': describe('Secret in the change', 'The change contains what looks like a secret, credential or API key.', 'Remove it, rotate it if it was ever pushed, and read it from configuration instead.', 'error', true),
  'security.pii': describe('Personal data in the change', 'The change contains what looks like personal or protected data.', 'Replace it with obviously fake data; never commit real customer data.', 'error', true),
  'security.dangerous-code': describe('Dangerous front-end code', 'The change uses a construct that can inject code, such as innerHTML or eval.', 'Use the design-system components, which escape content, or ask engineering.', 'error', true),
  'size.large': describe('Change too large', 'The change touches more files or lines than "one thing" allows.', 'Split it into smaller pull requests, each doing one thing.', 'warning'),
  'ai.undisclosed': describe('AI assistance not disclosed', 'AI-generated work in the change is not labelled.', 'Say what the AI generated in the pull request (PM Zone fills the disclosure).', 'info'),
};

/** The description of a check, or a generic one for ids this version does not know. */
export function describeCheck(check: string): CheckDescription {
  return CHECK_DESCRIPTIONS[check] ?? describe(check, `Finding of the ${check} check.`, 'See the message of each finding.', 'warning');
}
