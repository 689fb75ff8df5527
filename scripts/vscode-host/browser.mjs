// The browser half of the host: Debian's chromium driven by playwright-core
// (never a downloaded browser), and the workbench URL that loads an extension
// under development and, optionally, its integration tests.
import { chromium } from 'playwright-core';
import { chromiumPath, requirePrerequisites } from './prerequisites.mjs';

// These work as root and keep chromium from reaching for the network on its own.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium({ headless = true } = {}) {
  requirePrerequisites(['chromium']);
  return chromium.launch({ executablePath: chromiumPath(), headless, args: CHROMIUM_ARGS });
}

/**
 * The URL that opens `folder` in the workbench served at `serverUrl`. Paths are
 * absolute paths on the server's machine; the payload is how VS Code's own
 * test runners pass `--extensionDevelopmentPath` and `--extensionTestsPath`.
 */
export function workbenchUrl({ serverUrl, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = new URL(serverUrl).host;
  const remote = (path) => `vscode-remote://${authority}${path}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  // The folder stays readable (only unsafe characters escaped), so a printed URL shows what it opens.
  const folderQuery = `folder=${encodeURI(folder).replace(/[?#&+]/g, encodeURIComponent)}`;
  const payloadQuery = payload.length > 0 ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
  return `${serverUrl}/?${folderQuery}${payloadQuery}`;
}
