// Page object for the VS Code workbench as a user sees it in the browser:
// the explorer and its decorations, the command palette, quick inputs and
// screenshots. Tests speak in workspace paths and command titles, never in
// CSS selectors.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { until } from '../support/until';

/** What the explorer shows for one file or folder. */
export interface ExplorerRow {
  /** The decoration badge (the `::after` content of the label), or undefined when there is none. */
  badgeText: string | undefined;
  /** The `monaco-decoration-*` classes of the label: which badge and colour decorations apply. */
  classes: string[];
  /** The computed colour of the name, such as `rgb(229, 20, 0)`. */
  color: string;
  /** The label's accessible name: the absolute path, then ` • ` and the decoration tooltips. */
  ariaLabel: string;
  /** The hover tooltip (path and decoration tooltips), read by hovering the row. */
  title(): Promise<string>;
  locator: Locator;
}

const EXPLORER_ROWS = '.explorer-folders-view .monaco-list-row';
const QUICK_INPUT = '.quick-input-widget';
/** How long a screenshot waits for the workbench to settle. */
const SETTLE_MS = 500;

/**
 * Puts `text` in a quick input's box as the box's own `input` event reports
 * typing, without the keyboard. Typed (or filled, which inserts text where
 * the focus is), the text lands in whatever took the focus from a palette
 * that closed meanwhile: a fresh-clone run under load typed
 * ">PM Zone: Add the CI gate" into the workflow a moment before opened,
 * whose unsaved edit then held every later step behind a save dialog.
 * Throws where the box is gone or hidden, which a caller takes as a closed
 * palette.
 */
async function setQuickInputText(input: Locator, text: string, timeout = 5_000): Promise<void> {
  await input.waitFor({ state: 'visible', timeout });
  const set = await input.evaluate((element, value) => {
    // The page's input element (this tier's types have no DOM library).
    const box = element as unknown as { value: string; isConnected: boolean; offsetParent: unknown; closest(selector: string): unknown; dispatchEvent(event: Event): boolean };
    if (!box.isConnected || box.offsetParent === null || box.closest('[inert]') !== null) return false;
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }, text, { timeout });
  if (!set) throw new Error('the quick input closed before its text was set');
}

function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The text of a CSS `content` value (`"🔒"` → 🔒), or undefined for none. */
export function contentText(content: string): string | undefined {
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(content);
  if (!quoted) return undefined;
  const text = quoted[1].replace(/\\(.)/g, '$1');
  return text === '' ? undefined : text;
}

/** The one polling helper, shared with the integration tier. */
export { until };

/** The notification toast on `page` whose message contains `text`. */
export function toastOn(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-list-item').filter({ hasText: text }).first();
}

export class Workbench {
  constructor(
    readonly page: Page,
    /** Absolute path of the opened folder; row paths are relative to it. */
    readonly workspace: string,
    private readonly screenshotDir: string,
  ) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  async waitForExplorer(): Promise<void> {
    const firstRow = this.page.locator(EXPLORER_ROWS).first();
    if (!(await firstRow.isVisible())) await this.page.keyboard.press('Control+Shift+E');
    await firstRow.waitFor({ timeout: 60_000 });
  }

  /**
   * Waits until the extension host has PM Zone running: its lock badge on
   * CLAUDE.md (a policy file is always locked) shows it answered the explorer.
   * In a multi-root workspace, `claudeMd` names the one of a folder shown open.
   */
  async waitForExtension(claudeMd = 'CLAUDE.md'): Promise<void> {
    await this.waitForExplorer();
    await this.rowLocator(claudeMd).locator('[class*="monaco-decoration-itemBadge"]').waitFor({ timeout: 60_000 });
  }

  /**
   * The explorer row of a workspace-relative path. VS Code labels each row with
   * its absolute path, followed by ` • ` and the decoration tooltips when it has any.
   */
  rowLocator(path: string, state = ''): Locator {
    const absolute = path === '' ? this.workspace : `${this.workspace}/${path}`;
    const label = `.monaco-icon-label[aria-label=${cssString(absolute)}], .monaco-icon-label[aria-label^=${cssString(`${absolute} • `)}]`;
    return this.page.locator(`${EXPLORER_ROWS}${state}:has(${label})`);
  }

  /** Expands every folder on the way to `folderPath`, such as `src/features/checkout/i18n`. */
  async expand(folderPath: string): Promise<void> {
    const segments = folderPath.split('/').filter(Boolean);
    for (let depth = 1; depth <= segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      const row = await this.findRow(folder);
      const expanded = this.rowLocator(folder, '[aria-expanded="true"]');
      // A click that lands while the row is redrawn (a decoration arriving) is lost: click again
      // then, only once the row still reads as collapsed, so a slow expansion is never undone.
      for (let attempt = 1; ; attempt++) {
        if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
        try {
          await expanded.waitFor({ timeout: 4_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    }
  }

  /**
   * The row of a path whose folders are expanded, scrolling the explorer when it is out of view.
   * A folder the test expanded can fold again when the explorer refreshes its tree (a file event
   * arriving as it was expanded): when the row is not found, its folders are expanded again, twice
   * at most, as a user would.
   */
  async findRow(path: string): Promise<Locator> {
    const row = this.rowLocator(path);
    const list = this.page.locator('.explorer-folders-view .monaco-list').first();
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    for (let round = 1; ; round++) {
      for (let attempt = 0; attempt < 20 && (await row.count()) === 0; attempt++) {
        // The list renders only the rows in view: scroll to the top first, then down page by page.
        await list.hover();
        await this.page.mouse.wheel(0, attempt === 0 ? -100_000 : 300);
        await this.page.waitForTimeout(100);
      }
      try {
        await row.waitFor({ timeout: 5_000 });
        return row;
      } catch (error) {
        if (round === 3 || parent === '') throw error;
        await this.expand(parent);
      }
    }
  }

  async row(path: string): Promise<ExplorerRow> {
    const locator = await this.findRow(path);
    const label = locator.locator('.monaco-icon-label').first();
    // Runs in the page; the project compiles without the DOM library, so the window is reached through the element.
    const { content, classes, color, ariaLabel } = await label.evaluate((element) => {
      const style = element.ownerDocument.defaultView!.getComputedStyle.bind(element.ownerDocument.defaultView);
      return {
        content: style(element, '::after').content as string,
        classes: [...element.classList].filter((name: string) => name.startsWith('monaco-decoration-')) as string[],
        color: style(element.querySelector('.label-name') ?? element).color as string,
        ariaLabel: (element.getAttribute('aria-label') ?? '') as string,
      };
    });
    return { badgeText: contentText(content), classes, color, ariaLabel, title: () => this.hoverText(label), locator };
  }

  private async hoverText(target: Locator): Promise<string> {
    const hover = this.page.locator('.workbench-hover, .monaco-hover').filter({ visible: true }).first();
    // The first hover after other input is sometimes not taken as one: move across the label, and try again.
    for (let attempt = 1; ; attempt++) {
      const box = await target.boundingBox();
      if (!box) throw new Error('The row is not on screen');
      const y = box.y + box.height / 2;
      await this.page.mouse.move(box.x + 4, y);
      await this.page.mouse.move(box.x + Math.min(40, box.width / 2), y, { steps: 5 });
      try {
        await hover.waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        await this.page.mouse.move(0, 0);
        if (attempt === 3) throw error;
      }
    }
    const text = (await hover.innerText()).trim();
    await this.page.mouse.move(0, 0);
    await this.page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    return text;
  }

  /** The quick input's text box, while it is open: drawn, and not inert (a closing one stays drawn, inert, for its animation). */
  private async quickInputOpen(): Promise<boolean> {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    return (await input.isVisible()) && (await input.evaluate((element) => element.closest('[inert]') === null));
  }

  /**
   * Opens the command palette: F1, as a user does. A webview that holds the
   * keyboard (a walkthrough's media, a markdown preview) can swallow the key;
   * then the search box in the title bar opens it, as a user's click would,
   * but only while no quick input is open: a click there beside an open one
   * closes it.
   */
  private async openPalette(): Promise<Locator> {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        // F1 opens it with ">" typed; another quick input that happens to be open has no such text.
        await until('the palette to open with ">" typed', async () => (await this.quickInputOpen()) && (await input.inputValue()).startsWith('>'), 5_000);
        return input;
      } catch {
        if (!(await input.isVisible())) {
          await this.page.locator('.command-center .command-center-center').first().click();
          try {
            await until('the title bar\'s search box to open a quick input', () => this.quickInputOpen(), 5_000);
            return input;
          } catch {
            // F1 again.
          }
        }
        if (attempt === 3) throw new Error('The command palette did not open: F1 and the title bar\'s search box were tried three times');
      }
    }
  }

  /**
   * Runs a command by its title through the command palette, as a user does.
   * A palette that closes before the command is chosen (a view that finished
   * loading took the focus) is opened again, as a user would press F1 again.
   */
  async runCommand(title: string): Promise<void> {
    const rows = this.page.locator(`${QUICK_INPUT} .monaco-list-row`);
    const first = rows.filter({ hasText: title }).first();
    let input: Locator | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        input ??= await this.openPalette();
        // The palette lists the commands known when the text changes: one an
        // extension contributes while the palette is open shows on the next change.
        if (attempt > 1) await setQuickInputText(input, '>');
        await setQuickInputText(input, `>${title}`);
        await first.waitFor({ timeout: 4_000 });
        // "New Untitled Text File" also finds "Compare New Untitled Text Files", listed first: the command
        // titled exactly so wins, else the first that has the title in its name.
        const names = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
        const label = (name: string) => name.replace(/^[a-z-]+ {2}/, '').split(', ')[0];
        const exact = names.findIndex((name) => label(name) === title || label(name).endsWith(`: ${title}`));
        if (!(await this.quickInputOpen())) throw new Error('the command palette is closing');
        await (exact >= 0 ? rows.nth(exact) : first).click({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw new Error(`No command titled "${title}" in the command palette: ${(error as Error).message.split('\n')[0]}`, { cause: error });
        if (!(await this.quickInputOpen())) {
          console.log(`      the command palette closed before "${title}" was chosen; opening it again`);
          input = undefined;
        }
      }
    }
    // The palette either closes or gives way to the command's own quick input.
    const widget = this.page.locator(QUICK_INPUT);
    await until('the palette to close or give way to a question', async () => !(await widget.isVisible()) || !(await input!.inputValue()).startsWith('>'), 10_000);
  }

  /** Opens a file through Quick Open, as a user does, and waits for its tab. */
  async quickOpen(relPath: string): Promise<void> {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    const row = this.page.locator(`${QUICK_INPUT} .monaco-list-row`).filter({ hasText: name }).first();
    // A file written a moment ago may not be in Quick Open's file index yet ("No matching results"):
    // as a user would, close it and ask again, until the index has caught up.
    for (let attempt = 1; ; attempt += 1) {
      await this.page.keyboard.press('Control+P');
      await setQuickInputText(input, relPath, 30_000);
      try {
        await row.waitFor({ timeout: attempt < 6 ? 5_000 : 30_000 });
        break;
      } catch (error) {
        if (attempt >= 6) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
    await input.press('Enter');
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ timeout: 10_000 });
  }

  /**
   * Puts the cursor of the active editor on `line` (Ctrl+G), and waits until the status bar says so
   * with the editor focused: a key pressed before that would land in whatever held the focus. The
   * editor's text is clicked first, as a user clicks into it, and every step is tried again: on VS
   * Code 1.90, after a tab was clicked, a fresh-clone run found the line set but the editor not
   * focused, and the Ctrl+G pressed again opened no input for 30 seconds.
   */
  async goToLine(line: number): Promise<void> {
    const selection = this.page.locator('#status\\.editor\\.selection').filter({ hasText: `Ln ${line}, Col ` });
    const focused = this.page.locator('.editor-group-container.active .monaco-editor.focused');
    const text = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    for (let attempt = 1; ; attempt++) {
      try {
        await text.click({ position: { x: 4, y: 4 }, timeout: 5_000 });
        await this.page.keyboard.press('Control+G');
        await setQuickInputText(this.page.locator(`${QUICK_INPUT} .quick-input-box input`), `:${line}`);
        await this.page.keyboard.press('Enter');
        await selection.waitFor({ timeout: 5_000 });
        await focused.waitFor({ timeout: 5_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Saves the active editor (Ctrl+S) until `saved()` holds. A key press lost while the workbench
   * redraws leaves the tab dirty: pressed again then, into the editor, never once the file is written.
   */
  async saveActiveEditor(what: string, saved: () => boolean): Promise<void> {
    const dirty = this.page.locator('.editor-group-container.active .tab.active.dirty');
    await dirty.waitFor({ timeout: 10_000 });
    for (let attempt = 1; ; attempt++) {
      await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().focus().catch(() => undefined);
      await this.page.keyboard.press('Control+S');
      try {
        await until(what, saved, 4_000);
        return;
      } catch (error) {
        if (attempt === 3 || !(await dirty.isVisible())) throw error;
      }
    }
  }

  /**
   * Writes the commit message in Source Control (Ctrl+Shift+G), replacing what the box holds, and
   * reads it back as a PM would before committing: a key typed while the view redraws can be lost
   * (a message came out as "Checkouta welcome…"), so the message is written again until it reads right.
   */
  async writeCommitMessage(message: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+G');
    const box = this.page.locator('.scm-editor').first();
    await box.waitFor({ timeout: 20_000 });
    // The box wraps a long message over lines: read as words, which a lost key still changes.
    const words = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();
    const written = async () => words(await box.locator('.view-lines').innerText());
    for (let attempt = 1; ; attempt++) {
      await box.click();
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.press('Delete');
      await this.page.keyboard.type(message, { delay: 10 });
      try {
        await until(`the commit message to read "${message}"`, async () => (await written()) === words(message), 3_000, 250).catch(async (error) => {
          throw new Error(`${error}; the box reads "${await written()}"`);
        });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /**
   * Commits the message Source Control's box holds with Ctrl+Enter, as a PM does. The press was lost now
   * and then (the message typed, nothing started, on 1.90 and 1.139): a PM who sees nothing happen for 10 s
   * presses it again in the box, then runs Git: Commit from the Command Palette. `started` says whether
   * the commit began (a dialog up, a new commit, git at work); asked while nothing has, it must not wait.
   */
  async commitWithKey(started: () => Promise<boolean>): Promise<void> {
    const begins = () => until('the commit to start', async () => (await started()) || undefined, 10_000, 250).then(() => true, () => false);
    await this.page.keyboard.press('Control+Enter');
    if (await begins()) return;
    await this.page.locator('.scm-editor').first().click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Control+Enter');
    if (await begins()) return;
    await this.runCommand('Git: Commit');
  }

  /** Types an answer into an input box (showInputBox) and accepts it. */
  async answerInput(text: string): Promise<void> {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`).filter({ visible: true });
    await setQuickInputText(input, text, 30_000);
    await input.press('Enter');
  }

  /** Picks the item labelled `label` in a quick pick (showQuickPick). */
  async pick(label: string): Promise<void> {
    const item = this.page.locator(`${QUICK_INPUT} .monaco-list-row`).filter({ visible: true }).filter({ hasText: label }).first();
    await item.waitFor();
    await item.click();
  }

  /**
   * Clicks the quick-pick row whose label is exactly `label`. Rows are read by
   * their accessible name ("label, description, detail", after any icon name),
   * so "Production" never picks the row whose detail mentions production.
   */
  async pickExactly(label: string): Promise<void> {
    const rows = this.page.locator(`${QUICK_INPUT} .monaco-list-row`).filter({ visible: true });
    await rows.first().waitFor({ timeout: 10_000 });
    const names = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
    const index = names.findIndex((name) => name.replace(/^[a-z-]+ {2}/, '').split(', ')[0] === label);
    if (index < 0) throw new Error(`no row labelled "${label}" in: ${names.join(' | ')}`);
    await rows.nth(index).click();
  }

  /**
   * Picks the row labelled exactly `label` until the quick input's title
   * holds `next`. A click that lands while the list is drawn again only
   * highlights the row, as a PM's would, who clicks again (a fresh-clone run
   * stopped at "(2/5)" with the folder highlighted).
   */
  async pickUntilTitle(label: string, next: string, timeout = 20_000): Promise<void> {
    await this.untilNextQuestion(next, `"${label}" to be picked`, () => this.pickExactly(label), timeout);
  }

  /**
   * Types `text` into the quick input's box and presses Enter until its
   * title holds `next`: an Enter that reaches a question before it takes
   * input is lost. Enter is pressed again only while the box still holds
   * `text`, which the next question's box does not.
   */
  async answerUntilTitle(text: string, next: string, timeout = 20_000): Promise<void> {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`).filter({ visible: true });
    await this.untilNextQuestion(next, `"${text}" to be answered`, async () => {
      if ((await input.inputValue()) === text) await input.press('Enter', { timeout: 3_000 });
    }, timeout, () => setQuickInputText(input, text));
  }

  /**
   * Does `first` once the quick input asks its question, then `act` until
   * the quick input's title holds `next`: again only while the title is
   * still the question it found, so a slow step is never answered twice,
   * and a wrong next question fails after `timeout`, named.
   */
  private async untilNextQuestion(next: string, what: string, act: () => Promise<unknown>, timeout: number, first?: () => Promise<unknown>): Promise<void> {
    const titleBar = this.page.locator(`${QUICK_INPUT} .quick-input-title`).filter({ visible: true });
    const moved = titleBar.filter({ hasText: next });
    const titleNow = () => titleBar.first().innerText().then((text) => text.trim(), () => '');
    // The question asked now: a palette still closing shows an empty title bar, which is not it.
    const asked = await until('a question in the quick input', async () => (await titleNow()) || false, 10_000);
    await first?.();
    await until(`${what} and the quick input to move on to "${next}"`, async () => {
      if (await moved.isVisible()) return true;
      if ((await titleNow()) !== asked) return false;
      await act().catch(() => undefined);
      return moved.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
    }, timeout, 100);
  }

  /**
   * Presses Enter in the quick input until its title holds `next`: an Enter
   * that reaches a question before it takes input is lost, as a PM's would
   * be, who presses it again (a fresh-clone run lost one). Pressed in the
   * quick input's own box, as a PM who clicks into it does: a fresh-clone
   * run lost every Enter for 20 s to whatever held the keyboard instead.
   */
  async enterUntilTitle(next: string, timeout = 20_000): Promise<void> {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`).filter({ visible: true });
    await this.untilNextQuestion(next, 'Enter to be taken', () => input.press('Enter', { timeout: 3_000 }).catch(() => this.page.keyboard.press('Enter')), timeout);
  }

  /** Waits for the quick input's title bar to hold `text`, such as "New planning doc (2/5)". */
  async waitForQuickInputTitle(text: string, timeout = 20_000): Promise<void> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`).filter({ hasText: text }).waitFor({ state: 'visible', timeout });
  }

  /** Opens the PM Zone side bar from the activity bar, once the extension host has added its container. */
  async openPmZoneSideBar(): Promise<void> {
    const container = this.page.locator('.activitybar .action-item a[aria-label="PM Zone"]');
    await container.waitFor({ timeout: 60_000 });
    await container.click();
  }

  /** Drags the side bar's edge to `width` pixels, so its rows read whole. */
  async widenSideBar(width: number): Promise<void> {
    const sideBar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sideBar) throw new Error('The side bar is not on screen');
    const edge = sideBar.x + sideBar.width;
    const y = sideBar.y + sideBar.height / 2;
    await this.page.mouse.move(edge - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(sideBar.x + width, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** The header of one side-bar view, found by its title; it shows the view's description too. */
  viewHeader(title: string): Locator {
    return this.page.locator('.pane-header', { hasText: title });
  }

  /** The rows of one side-bar view, found by its title. */
  viewRows(title: string): Locator {
    const pane = this.page.locator('.pane').filter({ has: this.page.locator('.pane-header', { hasText: title }) });
    return pane.locator('.monaco-list-row');
  }

  /**
   * Answers the "Do you trust the authors" dialog that opens with the folder
   * when workspace trust is on: false keeps the window in Restricted Mode.
   * VS Code 1.139 for the web asks nothing: the window opens in Restricted
   * Mode under its banner, which is the answer "no" already.
   */
  async answerTrustDialog(trust: boolean): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    const banner = this.page.locator('.part.banner').filter({ hasText: 'Restricted Mode' });
    await until('the trust dialog, or the Restricted Mode banner', async () => (await dialog.isVisible()) || (await banner.isVisible()), 30_000);
    if (!(await dialog.isVisible())) {
      if (trust) throw new Error('This VS Code opened the folder in Restricted Mode without asking: trust it from the banner instead');
      return;
    }
    // VS Code 1.90 asks "Yes, I trust the authors"; later ones shorten the buttons to "Trust" and "Don't Trust".
    await dialog.getByRole('button', { name: trust ? /^(Yes, I trust the authors|Trust)$/ : /^(No, I don.t trust the authors|Don.t Trust)$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /**
   * Becomes `handle` through "PM Zone: Choose who I am", as a user switches,
   * and waits for the side bar to name them: later commands answer for them.
   */
  async chooseIdentity(handle: string): Promise<void> {
    await this.runCommand('PM Zone: Choose who I am');
    await this.pickExactly(handle);
    await this.openPmZoneSideBar();
    await this.viewHeader('My change').filter({ hasText: handle }).waitFor({ timeout: 20_000 });
  }

  /** What a "Copy …" button put on the clipboard (each session's page has the clipboard a desktop VS Code has). */
  async clipboardText(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  }

  /** The message of every notification in the notification centre, which it opens. */
  async notificationCentre(): Promise<string[]> {
    await this.runCommand('Notifications: Show Notifications');
    const items = this.page.locator('.notifications-center .notification-list-item');
    await items.first().waitFor({ timeout: 3_000 }).catch(() => undefined);
    return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** Whether the status bar shows the Restricted Mode indicator. */
  async inRestrictedMode(): Promise<boolean> {
    return (await this.page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).count()) > 0;
  }

  /** The notification toast whose message contains `text`. */
  toast(text: string | RegExp): Locator {
    return toastOn(this.page, text);
  }

  /** The modal dialog whose message contains `text`. */
  dialog(text: string | RegExp): Locator {
    return this.page.locator('.monaco-dialog-box').filter({ hasText: text });
  }

  /**
   * After a failed test: the text of a modal dialog left open, which is then
   * dismissed (Escape, the dialog's cancel), or undefined where none is open.
   * While one is open nothing else in the workbench can be clicked, so the
   * notification centre could not be read and every later test of the file
   * failed behind it (a save dialog did so after a fresh-clone run's failure).
   */
  async dismissOpenDialog(): Promise<string | undefined> {
    const open = this.page.locator('.monaco-dialog-box').filter({ visible: true }).first();
    if (!(await open.isVisible())) return undefined;
    const text = (await open.innerText({ timeout: 5_000 })).replace(/\s+/g, ' ').trim();
    await this.page.keyboard.press('Escape');
    await open.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    return text;
  }

  /**
   * Saves a screenshot of the whole workbench as `<name>.png` and returns its
   * path, once what the test waited for has settled: toasts fade in and
   * hovers and decorations repaint for a moment after they are there.
   */
  async screenshot(name: string, directory = this.screenshotDir): Promise<string> {
    mkdirSync(directory, { recursive: true });
    const path = join(directory, `${name}.png`);
    await this.page.waitForTimeout(SETTLE_MS);
    await this.page.screenshot({ path });
    return path;
  }
}
