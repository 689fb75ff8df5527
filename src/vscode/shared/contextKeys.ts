import * as vscode from 'vscode';
import type { ContextKey } from '../commandIds';

/** Sets one of PM Zone's context keys, which package.json's `when` clauses read. */
export function setContext(key: ContextKey, value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
