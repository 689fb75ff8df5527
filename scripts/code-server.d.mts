// Types of code-server.mjs for the TypeScript tests that use it.

export declare const repositoryRoot: string;

/** A VS Code the tests run on (scripts/vscode-host/targets.mjs). */
export interface VSCodeTarget {
  name: 'oldest' | 'newest';
  codeServer: string;
  /** The Node it needs when the machine's does not meet code-server's engines. */
  node?: string;
}

export interface CodeServerPaths {
  version: string;
  installDir: string;
  /** code-server's entry script, run with this Node. */
  entry: string;
  vscodeModules: string;
  marker: string;
  installLog: string;
}

export declare function codeServerPaths(target?: VSCodeTarget, root?: string): CodeServerPaths;

/** The VS Code version inside a target's installed code-server, such as 1.139.1. */
export declare function vscodeVersion(target?: VSCodeTarget): string;

/** "VS Code 1.139.1 (code-server 4.139.1, Node 24.21.0)". */
export declare function describeTarget(target?: VSCodeTarget): string;

export declare function ensureCodeServer(options?: { target?: VSCodeTarget; browser?: boolean; log?: (line: string) => void }): Promise<CodeServerPaths & { node: string }>;

export declare function freePort(preferred?: number): Promise<number>;

export interface StartOptions {
  /** Default: the one PM_ZONE_VSCODE names, else the newest. */
  target?: VSCodeTarget;
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
  /** Built-in extensions (folder names under lib/vscode/extensions) to leave out of this server. */
  withoutBuiltins?: string[];
  /** Extension folders (with a package.json) linked into extensionsDir, so they run as installed ones. */
  installed?: string[];
  /**
   * The window's URL carries extensionDevelopmentPath/extensionTestsPath: turns on the
   * smoke-test driver newer VS Codes need to read it, which hides toasts and the trust prompt.
   */
  testPayload?: boolean;
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

/** Links `extensionDir` into `extensionsDir` as an installed extension; returns the link. */
export declare function linkInstalledExtension(extensionDir: string, extensionsDir: string): string;
