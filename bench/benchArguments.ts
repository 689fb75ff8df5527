// The command-line arguments the benches that time whole commands share.

/** The word after `name` on the bench's command line, if it is there. */
export function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** `--runs N`: how many pairs to time, `fallback` where it is not given as a whole number above 0. */
export function runsArgument(fallback: number): number {
  const value = Number(argument('--runs'));
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
