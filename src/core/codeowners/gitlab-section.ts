// GitLab section headings: `[Name]`, `^[Optional]`, `[Name][2]`, each
// optionally followed by default owners. Read only in GitLab mode.

export interface SectionHeading {
  name: string;
  optional: boolean;
  /** The `[n]` after the name, when written. */
  approvals: number | undefined;
  /** Index in the line where the default owners start. */
  ownersFrom: number;
}

export interface SectionHeadingError {
  error: string;
  /** 0-based index of the offending character. */
  at: number;
}

/** A heading, an error for a line that starts like one but is malformed, or undefined for any other line. */
export function parseSectionHeading(line: string): SectionHeading | SectionHeadingError | undefined {
  let index = 0;
  while (line[index] === ' ' || line[index] === '\t') index++;
  const start = index;
  const optional = line[index] === '^';
  if (optional) index++;
  if (line[index] !== '[') return undefined;

  const close = line.indexOf(']', index + 1);
  if (close < 0) return { error: 'the section name is not closed with `]`', at: start };
  const name = line.slice(index + 1, close);
  if (name.trim().length === 0) return { error: 'a section heading must have a name', at: start };
  index = close + 1;

  let approvals: number | undefined;
  if (line[index] === '[') {
    const countClose = line.indexOf(']', index + 1);
    const digits = countClose < 0 ? '' : line.slice(index + 1, countClose);
    if (!/^[0-9]{1,4}$/.test(digits)) {
      return { error: 'the number of approvals must be a number in `[ ]`, such as `[2]`', at: index };
    }
    approvals = Number(digits);
    index = countClose + 1;
  }
  return { name, optional, approvals, ownersFrom: index };
}
