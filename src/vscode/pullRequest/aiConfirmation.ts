import * as vscode from 'vscode';

// The AI-assistance disclosure is the PM's statement, not only what commit
// trailers say: they confirm or correct the detected files, and say whether
// they understand every line. Esc at either question stops everything.

export const AI_FILES_TITLE = 'Which files were written with AI assistance?';
export const UNDERSTOOD_TITLE = 'Do you understand every line of this change?';
export const UNDERSTOOD_YES = 'Yes, I have read and understand every line';
export const UNDERSTOOD_NO = 'No, I need an engineer to pair with me';

interface FileItem extends vscode.QuickPickItem {
  path: string;
}

/**
 * A multi-select of the changed files, with the files of AI co-authored
 * commits ticked. Undefined when the PM presses Esc.
 */
export async function confirmAiFiles(changedFiles: readonly string[], detected: ReadonlyMap<string, readonly string[]>): Promise<string[] | undefined> {
  const paths = [...new Set([...changedFiles, ...detected.keys()])].sort();
  const items: FileItem[] = paths.map((path) => {
    const tools = detected.get(path);
    return {
      label: path,
      path,
      picked: tools !== undefined,
      ...(tools ? { description: `detected: ${tools.join(', ')} co-authored a commit` } : {}),
    };
  });
  // Short enough to be read whole in the box (about 80 characters show); each ticked file says why it is ticked.
  const placeHolder = detected.size > 0
    ? 'Ticked: AI co-authored commits. Untick your own, tick AI help, press Enter.'
    : 'None detected. Tick any file AI helped write, then press Enter.';
  // Items and their ticks are in place before the pick shows, so an Enter pressed at once keeps the pre-ticked files.
  const pick = vscode.window.createQuickPick<FileItem>();
  Object.assign(pick, { title: AI_FILES_TITLE, placeholder: placeHolder, canSelectMany: true, ignoreFocusOut: true, matchOnDescription: true });
  pick.items = items;
  pick.selectedItems = items.filter((item) => item.picked);
  try {
    return await new Promise<string[] | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems.map((item) => item.path)));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}

/** True: understood; false: the PM asks for pairing; undefined: Esc. */
export async function confirmUnderstood(): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: UNDERSTOOD_YES, understood: true, detail: 'The pull request says so, for the reviewers.' },
      { label: UNDERSTOOD_NO, understood: false, detail: 'Nothing is sent; pair with your engineering DRI first.' },
    ],
    { title: UNDERSTOOD_TITLE, placeHolder: 'The working agreement: never ship a line you cannot explain.', ignoreFocusOut: true },
  );
  return picked?.understood;
}

export const AI_USED_TITLE = 'Did AI help with this change?';

/**
 * Asked only when the planning doc's AI section does not say plainly ("no AI
 * for the code, but Claude suggested the wording"): the label, the body and
 * the doc must agree. True: AI helped; false: it did not; undefined: Esc.
 */
export async function confirmAiUsed(planningPath: string | undefined): Promise<boolean | undefined> {
  const doc = planningPath ?? 'the planning doc';
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Yes, AI helped write part of this change', used: true, detail: 'The pull request is labelled AI-assisted.' },
      { label: 'No, no AI helped with this change', used: false, detail: 'No AI label; the body says you were asked.' },
    ],
    { title: AI_USED_TITLE, placeHolder: `The "AI assistance" section of ${doc} does not say plainly. Your answer goes into the pull request.`, ignoreFocusOut: true },
  );
  return picked?.used;
}

export const ENERGY_TITLE = 'How did shipping this feel, 1–5?';
export const ENERGY_SKIP = 'Skip this question';

/**
 * The pilot's check-in, asked once as the pull request is composed and
 * written into its body, where the end-of-pilot readout reads it. Optional:
 * "Skip" and Esc both leave it out, and nothing else is lost.
 */
export async function askEnergy(): Promise<number | undefined> {
  const words: Record<number, string> = { 5: 'energising', 4: 'good', 3: 'neutral', 2: 'tiring', 1: 'draining' };
  const picked = await vscode.window.showQuickPick(
    [
      ...[5, 4, 3, 2, 1].map((energy) => ({ label: `${energy}`, description: words[energy], energy })),
      { label: ENERGY_SKIP, description: 'nothing is written', energy: undefined },
    ],
    { title: ENERGY_TITLE, placeHolder: "Optional: your answer goes into the pull request for the pilot's readout. Esc skips it.", ignoreFocusOut: true },
  );
  return picked?.energy;
}
