// Whether the command line colours its output, as its neighbours decide:
// `--no-color`, then `--color`, then NO_COLOR (no-color.org: set and not
// empty), then FORCE_COLOR, then a dumb terminal; otherwise only when
// standard output is a terminal, so pipes, files, hooks' logs and CI get
// plain text.

export function colorWanted(values: Record<string, unknown>, env: NodeJS.ProcessEnv, stdout: { isTTY?: boolean }): boolean {
  if (values['no-color'] === true) return false;
  if (values.color === true) return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return stdout.isTTY === true;
}
