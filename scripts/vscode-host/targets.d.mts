// Types of targets.mjs for the TypeScript tests and benchmarks that use it.
import type { VSCodeTarget } from '../code-server.mjs';

export declare const VSCODE_TARGETS: Readonly<{ oldest: VSCodeTarget; newest: VSCodeTarget }>;
export declare const TARGET_ENV: 'PM_ZONE_VSCODE';
export declare function chosenTargets(all?: Array<'oldest' | 'newest'>, env?: NodeJS.ProcessEnv): VSCodeTarget[];
export declare function defaultTarget(env?: NodeJS.ProcessEnv): VSCodeTarget;
export declare function targetNamed(name: string): VSCodeTarget;
