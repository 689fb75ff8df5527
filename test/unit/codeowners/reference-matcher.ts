// An independent, deliberately naive reading of GitHub's pattern rules, used
// only by the property tests to cross-check the real matcher. It shares no
// code with it: plain recursion over segments (exponential in theory, fine on
// the tiny generated inputs) and a regular expression per segment.

/** Splits a pattern on `/`; it never contains `\/` or a trailing `\` (the generators avoid them). */
function splitPattern(pattern: string): string[] {
  return pattern.split('/');
}

function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index];
    if (char === '\\') source += escapeForRegExp(segment[++index]);
    else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += escapeForRegExp(char);
  }
  return new RegExp(`^${source}$`, 'u');
}

function escapeForRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|]/.test(char) ? `\\${char}` : char;
}

/** Whether the pattern segments match exactly the path segments. */
function matchesExactly(pattern: string[], path: string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') {
    // The last `**` stands for "one or more levels"; any other for zero or more.
    const least = rest.length === 0 ? 1 : 0;
    for (let take = least; take <= path.length; take++) {
      if (matchesExactly(rest, path.slice(take))) return true;
    }
    return false;
  }
  return path.length > 0 && segmentRegExp(head).test(path[0]) && matchesExactly(rest, path.slice(1));
}

export function referenceOwns(rawPattern: string, path: string): boolean {
  let pattern = rawPattern;
  let anchored = false;
  let directoryOnly = false;
  if (pattern.startsWith('/')) {
    anchored = true;
    pattern = pattern.slice(1);
  }
  if (pattern.endsWith('/') && pattern.length > 0) {
    directoryOnly = true;
    pattern = pattern.slice(0, -1);
  }
  if (pattern.includes('/')) anchored = true;
  let segments = splitPattern(pattern);
  if (!anchored) segments = ['**', ...segments];
  if (directoryOnly) segments = [...segments, '**'];
  const last = segments[segments.length - 1];
  const descends = last !== '*';

  const pathSegments = path.split('/');
  // The pattern owns the path if it matches the path itself or, when it
  // descends, any directory above it.
  for (let length = 1; length <= pathSegments.length; length++) {
    if (length < pathSegments.length && !descends) continue;
    if (matchesExactly(segments, pathSegments.slice(0, length))) return true;
  }
  return false;
}
