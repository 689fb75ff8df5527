import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Surfaces are registered here, one call per surface.
}

export function deactivate(): void {}
