// The `## PM zone` section `pm-zone init` drafts from what it read: ordinary
// markdown in the shape policy.md describes, with each line saying where it
// came from, for an engineer to read and correct before committing it.
import type { Mode } from '../policy/model';
import type { RepositoryScan } from './scan';

export interface DraftPilot {
  handle: string;
  /** Feature folders (`src/features/checkout`), written as globs. */
  folders: string[];
  email?: string;
  /** The engineering DRI: the feature folder's owner in CODEOWNERS, unless one is given. */
  dri?: string;
}

export interface DraftOptions {
  mode: Mode;
  pilots: readonly DraftPilot[];
  /** The policy file itself and the CODEOWNERS file: engineering-only, so CODEOWNERS protects the rules too. */
  policyFile: string;
  codeownersFile: string;
}

export interface DraftedZone {
  text: string;
  /** What each line was drawn from, as `init` reports it. */
  drawnFrom: string[];
}

export function draftZoneSection(scan: RepositoryScan, options: DraftOptions): DraftedZone {
  const drawnFrom: string[] = [];
  const mayEdit: string[] = [];
  for (const strings of scan.strings) {
    mayEdit.push(`- \`${strings.glob}\` (user-facing strings)`);
    drawnFrom.push(`\`${strings.glob}\`: ${strings.files} ${strings.format} strings ${strings.files === 1 ? 'file' : 'files'}`);
  }
  mayEdit.push('- `**/*.md` (documentation and planning)');
  if (scan.mdx > 0) {
    mayEdit.push('- `**/*.mdx` (documentation pages)');
    drawnFrom.push(`\`**/*.mdx\`: ${scan.mdx} MDX ${scan.mdx === 1 ? 'page' : 'pages'}`);
  }
  if (scan.prompts) mayEdit.push('- `**/prompts/*.md` (AI prompt templates)');
  if (scan.flags.length > 0) {
    mayEdit.push('- `**/flags.yaml` (owned flags only)');
    drawnFrom.push(`\`**/flags.yaml\`: ${scan.flags.length} flags ${scan.flags.length === 1 ? 'file' : 'files'}`);
  }
  if (scan.analytics.length > 0) mayEdit.push('- `**/analytics/events.ts` (additions only)');
  const componentExtensions = [...new Set(scan.components.map((path) => /\.(\w+)$/.exec(path)![1]))].sort();
  for (const extension of componentExtensions) mayEdit.push(`- \`**/components/*.${extension}\` (inside own feature folder, non-breaking)`);

  const engineering: string[] = [];
  const inferred: string[] = [];
  for (const { glob, why, from, count } of scan.engineering) {
    engineering.push(`- \`${glob}\` (${why})`);
    const drawn = `${glob}: ${why}, from ${drawnFromWords(from, count)}`;
    inferred.push(`  ${drawn}`);
    drawnFrom.push(`\`${glob}\`: ${why}, from ${drawnFromWords(from, count)}`);
  }
  for (const ci of scan.ci) engineering.push(`- \`${ci}\` (CI)`);
  if (scan.changesets) {
    engineering.push('- `.changeset/**` (release: version bumps)');
    inferred.push('  .changeset/**: its markdown files choose the next version, which `**/*.md` above would open');
  }
  engineering.push(`- \`${options.policyFile}\` (these rules)`, `- \`${options.codeownersFile}\` (who reviews what)`);
  const inferredComment = inferred.length > 0
    ? ["<!-- Inferred from this repository's paths by the words of folder and file names (auth, session, payment, billing, migration, Dockerfile…); strings files and markdown stay PM-editable:", ...inferred.map((line) => line.replace(/-->/g, '- ->')), '-->']
    : [];

  const pilots = options.pilots.length > 0
    ? options.pilots.map((pilot) => `| ${pilot.handle} | ${pilot.folders.map((folder) => `\`${folder.replace(/\/+$/, '')}/**\``).join(', ')} | ${pilot.dri ?? ''} | ${pilot.email ?? ''} |`)
    : [];
  const lines = [
    '## PM zone',
    `Mode: ${options.mode}`,
    '',
    '<!-- Drafted by `pm-zone init` from this repository\'s files: read each line before committing it. -->',
    '',
    '### PMs may edit',
    ...mayEdit,
    '',
    '### Engineering only',
    ...inferredComment,
    ...engineering,
    '',
    '### Pilot PMs',
    '<!-- One row per pilot PM, with the e-mail git knows them by: PM Zone binds only the people listed here. -->',
    '| PM | feature folders | engineering DRI | e-mail |',
    '| --- | --- | --- | --- |',
    ...pilots,
    '',
  ];
  return { text: lines.join('\n'), drawnFrom };
}

/** `packages/auth, apps/web/auth and 8 more folders` */
function drawnFromWords(from: readonly string[], count: number): string {
  const more = count - from.length;
  return `${from.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * The policy file with the section added at its end (a file that does not
 * exist yet gets a title first); undefined when it already has a
 * `## PM zone` section, which `init` never overwrites.
 */
export function withZoneSection(existing: string | undefined, section: string, title: string): string {
  if (existing === undefined || existing.trim() === '') return `# ${title}\n\n${section}`;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const body = existing.replace(/\s+$/, '');
  return `${body}${eol}${eol}${section.replace(/\n/g, eol)}`;
}

/** `@alice,src/features/checkout,alice@acme.test` (commas or spaces, in any order), or what it should have been. */
export function readPilotSpec(spec: string): DraftPilot | string {
  const parts = spec.split(/[\s,]+/).filter(Boolean);
  const handle = parts.find((part) => /^@[A-Za-z0-9][\w-]*$/.test(part));
  if (!handle) return `@handle,FOLDER,E-MAIL (folder and e-mail optional), not '${spec}'`;
  const email = parts.find((part) => part !== handle && part.includes('@'));
  const folders = parts.filter((part) => part !== handle && part !== email).map((folder) => folder.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/(\*\*)?\/?$/, ''));
  return { handle, folders, ...(email ? { email } : {}) };
}
