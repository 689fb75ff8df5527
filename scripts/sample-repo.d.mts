// Types of sample-repo.mjs for the TypeScript tests that use it.

export interface SampleRepoOptions {
  /** Check out this PM branch (such as `alice/checkout-copy`) with a one-word copy change. */
  branch?: string;
  /** Commit the copy change on the branch; otherwise it stays in the working tree. */
  commit?: boolean;
  /** `Mode: regulated` and `Product DRI: @erin` in CLAUDE.md. */
  regulated?: boolean;
  /** Add the engineering-only glob `**\/audit/**` (and src/audit/trail.ts), which no CODEOWNERS rule covers. */
  unenforced?: boolean;
}

export interface SampleRepo {
  /** Absolute path of the repository. */
  root: string;
  /** The branch checked out. */
  branch: string;
  /** The commit id of HEAD. */
  head: string;
}

export declare const SAMPLE_AUTHOR: { name: string; email: string };
export declare const SAMPLE_REMOTE: string;
export declare const COPY_CHANGE: { file: string; before: string; after: string };

export declare function createSampleRepo(dir: string, options?: SampleRepoOptions): SampleRepo;
