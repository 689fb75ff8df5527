// The entries of `pm-zone review`'s text, read back: each finding under its
// section's heading ("Blockers (2)"), its location and check on one line, its
// message (wrapped) below.

export interface TextEntry {
  kind: 'blocker' | 'error' | 'warning' | 'note';
  location: string;
  check: string;
  /** The message, its wrapped lines joined with spaces. */
  message: string;
}

const KINDS: Record<string, TextEntry['kind']> = { Blockers: 'blocker', Errors: 'error', Warnings: 'warning', 'Notes for the reviewers': 'note' };

export function textEntries(text: string): TextEntry[] {
  const entries: TextEntry[] = [];
  let kind: TextEntry['kind'] | undefined;
  for (const line of text.split('\n')) {
    const heading = /^(.+) \(\d+\)$/.exec(line);
    if (heading && KINDS[heading[1]]) {
      kind = KINDS[heading[1]];
      continue;
    }
    if (line === '' || !line.startsWith('  ')) {
      if (!line.startsWith('  ')) kind = line === '' ? kind : undefined;
      continue;
    }
    if (!kind) continue;
    const entry = /^ {2}(\S.*) \(([\w.-]+)\)$/.exec(line);
    if (entry) entries.push({ kind, location: entry[1], check: entry[2], message: '' });
    else if (line.startsWith('    ') && entries.length > 0) {
      const last = entries[entries.length - 1];
      last.message = `${last.message} ${line.trim()}`.trim();
    }
  }
  return entries;
}
