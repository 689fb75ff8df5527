import * as vscode from 'vscode';

// Files outside the PM zone need an engineering co-author. When those are
// the only concern, the PM says how the pull request opens: as a draft that
// asks an engineer to pair, or ready, because an engineer already co-authored it.

export const PAIRING_TITLE = 'Some files are outside the PM zone';
export const AS_PAIRING_DRAFT = 'Open as a draft for pairing';
export const AS_READY = 'Open for review';

/** True: a draft labelled for pairing; false: as composed; undefined: Esc. */
export async function choosePairing(outsideFiles: readonly string[], pairingLabel: string): Promise<boolean | undefined> {
  const shown = outsideFiles.slice(0, 3).join(', ') + (outsideFiles.length > 3 ? ` and ${outsideFiles.length - 3} more` : '');
  const picked = await vscode.window.showQuickPick(
    [
      { label: AS_PAIRING_DRAFT, pairing: true, detail: `Labelled ${pairingLabel}: an engineer co-authors ${shown} before review.` },
      { label: AS_READY, pairing: false, detail: `An engineer already co-authored ${shown}.` },
    ],
    { title: PAIRING_TITLE, placeHolder: `${shown} ${outsideFiles.length === 1 ? 'needs' : 'need'} an engineering co-author.`, ignoreFocusOut: true },
  );
  return picked?.pairing;
}
