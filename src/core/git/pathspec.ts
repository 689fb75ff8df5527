// A path as git must read it. git reads the paths after `--` as pathspecs:
// `app/[id]/page.tsx` is a glob that also matches `app/i/page.tsx`, and
// `:(top)POLICY.md` or `:!x` is magic, not a file's name. Every git call
// that names a repository path goes through one of these, so that none
// forgets.

/**
 * The pathspec that names `relPath` and nothing else, whatever characters
 * it has: `:(literal)` turns off globs and any magic after it. Not for
 * `git check-ignore`, which refuses all magic: see checkIgnorePath.
 */
export function literalPathspec(relPath: string): string {
  return `:(literal)${relPath}`;
}

/**
 * The pathspec that leaves out `relPath` (from the repository's top) and
 * nothing else: beside a pathspec that names what to include (`:(top)`).
 */
export function excludedLiteralPathspec(relPath: string): string {
  return `:(top,literal,exclude)${relPath}`;
}

/** literalPathspec of each path, in order. */
export function literalPathspecs(relPaths: readonly string[]): string[] {
  return relPaths.map(literalPathspec);
}

/**
 * A path as `git check-ignore` reads it literally. check-ignore takes no
 * `:(literal)` (it refuses all pathspec magic), and reads a path that
 * starts with `:`, on its command line or its input, as magic:
 * `:(top)POLICY.md` would be asked as `POLICY.md`. `./` in front is the
 * same file without the magic; check-ignore prints the path back as asked,
 * which checkIgnoreAnswered undoes. Globs are no concern there: it matches
 * the path against the ignore rules, never against the files.
 */
export function checkIgnorePath(relPath: string): string {
  return relPath.startsWith(':') ? `./${relPath}` : relPath;
}

/** The path asked, from check-ignore's echo of checkIgnorePath's form. */
export function checkIgnoreAnswered(printed: string): string {
  return printed.replace(/^\.\/(?=:)/, '');
}

/**
 * A repository-relative path in the form git lists it: no empty, `.` or
 * `..` segment, so not absolute, not a folder (`a/`) and not above the top.
 */
export function isNormalRelativePath(relPath: string): boolean {
  return relPath.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
