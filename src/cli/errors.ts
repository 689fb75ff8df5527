/** Bad arguments: exit status 2 with one line. */
export class UsageError extends Error {}

/** A failure the user can act on (no repository, unreadable file): one line, and the given status. */
export class CliFailure extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
