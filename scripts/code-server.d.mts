// Types of code-server.mjs for the TypeScript tests that use it.

export declare const CODE_SERVER_VERSION: string;
export declare const repositoryRoot: string;

export interface CodeServerPaths {
  version: string;
  installDir: string;
  /** code-server's entry script, run with this Node. */
  entry: string;
  vscodeModules: string;
  marker: string;
  installLog: string;
}

export declare function codeServerPaths(root?: string): CodeServerPaths;

/** The VS Code version inside the installed code-server, such as 1.100.3. */
export declare function vscodeVersion(): string;

export declare function ensureCodeServer(options?: { browser?: boolean; log?: (line: string) => void }): Promise<CodeServerPaths>;

export declare function freePort(preferred?: number): Promise<number>;

export interface StartOptions {
  /** Absolute path of the folder to open. */
  workspace: string;
  /** Default: a free port chosen by the system. */
  port?: number;
  userDataDir: string;
  extensionsDir: string;
  /** User settings written to the profile before start. */
  settings?: Record<string, unknown>;
  /** Keep workspace trust on, so the folder opens untrusted (Restricted Mode). Default false. */
  workspaceTrust?: boolean;
  /** Added to the server's environment, which the extension host inherits. */
  env?: Record<string, string>;
  /** Default: code-server.log in userDataDir. */
  logFile?: string;
  startupTimeoutMs?: number;
}

export interface RunningCodeServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  logFile: string;
  /** Settles when the server process ends, for whatever reason. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Ends the server and everything it started (its process group). */
  stop(): Promise<void>;
}

export declare function startCodeServer(options: StartOptions): Promise<RunningCodeServer>;
