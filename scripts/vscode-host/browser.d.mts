// Types of browser.mjs for the TypeScript tests that use it.
import type { Browser } from 'playwright-core';

export declare function launchChromium(options?: { headless?: boolean }): Promise<Browser>;

export declare function workbenchUrl(options: {
  serverUrl: string;
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}): string;
