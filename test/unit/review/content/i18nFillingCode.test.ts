// A source string whose placeholders change, and the code that fills them.
// Shaped as a video player's macOS strings: English `Speed: %.2fx` becomes
// `Speed: %@x` in the commit that makes the Swift pass a formatted string,
// one key asked for by name (`NSLocalizedString("osd.speed", …)`), another
// built at run time (`NSLocalizedString("menu." + l10nKey, …)`). Retyped
// alone, the string blocks: the code fills the old ones. Retyped with the
// code that fills it, the string does not, and the translations left holding
// `%.2f` do: the code now hands them a string.
import * as assert from 'node:assert/strict';
import { i18nCheck } from '../../../../src/core/review/checks/i18n';
import type { Finding } from '../../../../src/core/types';
import type { TextSearch } from '../../../../src/core/review/model';
import { changed, context, run } from './context';

const strings = (speed: string, speedUp: string) => `/* OSDMessage.swift */\n"osd.pause" = "Pause";\n"osd.speed" = "${speed}";\n\n/* MenuController.swift */\n"menu.speed_up" = "${speedUp}";\n`;

const EN = 'App/en.lproj/Localizable.strings';
const DE = 'App/de.lproj/Localizable.strings';
const FR = 'App/fr.lproj/Localizable.strings';
const OSD = 'App/OSDMessage.swift';
const MENU = 'App/MenuController.swift';

const repo: Record<string, string> = {
  [EN]: strings('Speed: %.2fx', 'Speed Up by %.2fx'),
  [DE]: strings('Geschwindigkeit: %.2fx', 'Beschleunigen um %.2fx'),
  [FR]: strings('Vitesse : %.2fx', 'Accélérer de %.2fx'),
  [OSD]: osd('value'),
  [MENU]: menu(''),
};

function osd(argument: string): string {
  return `import Foundation

enum OSDMessage {
  case pause
  case speed(Double)

  func message() -> String {
    switch self {
    case .pause:
      return NSLocalizedString("osd.pause", comment: "Pause")
    case .speed(let value):
      return String(format: NSLocalizedString("osd.speed", comment: "Speed: %@x"), ${argument})
    }
  }
}
`;
}

function menu(formatting: string): string {
  return `import Cocoa

class MenuController: NSObject {
  func updateTitle(_ menuItem: NSMenuItem, l10nKey: String, value: Double) {
${formatting}    menuItem.title = String(format: NSLocalizedString("menu." + l10nKey, comment: ""), ${formatting ? 'valObj' : 'abs(value)'})
  }
}
`;
}

const STRING_ARGUMENT = `    let valObj: CVarArg
    switch l10nKey {
    case "speed_up":
      valObj = abs(value).string
    default:
      valObj = abs(value)
    }
`;

/** Finds lines holding any needle in `code`, as git grep would; the strings folder left out. */
const searchIn = (code: Record<string, string>): TextSearch => ({
  async find(needles) {
    return Object.entries(code)
      .filter(([file]) => !file.endsWith('.strings'))
      .flatMap(([file, text]) => text.split('\n').flatMap((line, index) => (needles.some((needle) => line.includes(needle)) ? [{ file, line: index + 1, text: line }] : [])));
  },
});

async function review(edits: Record<string, string>, options: { search?: boolean; more?: Record<string, string> } = {}): Promise<Finding[]> {
  const tree = { ...repo, ...options.more };
  const ctx = context(Object.entries(edits).map(([path, text]) => changed(path, tree[path], text)), { repo: tree, listing: true });
  if (options.search !== false) ctx.search = searchIn({ ...tree, ...edits });
  return run(i18nCheck, ctx);
}

const brief = (findings: Finding[]) => findings.filter((found) => found.check === 'i18n.placeholder-mismatch').map((found) => [found.severity, found.line, found.message]);
const retyped = strings('Speed: %@x', 'Speed Up by %@x');

describe('i18n: a source string retyped with the code that fills it', () => {
  it('true violation: English retyped from %.2f to %@ with no code change blocks, once per string, the translations unnamed', async () => {
    assert.deepEqual(brief(await review({ [EN]: retyped })), [
      ['error', 3, 'Placeholders of `osd.speed` changed: new %1$@; missing %1$f. The code fills the old ones.'],
      ['error', 6, 'Placeholders of `menu.speed_up` changed: new %1$@; missing %1$f. The code fills the old ones.'],
    ]);
  });

  it('benign for the string: the same change edits the call that names the key; the translations still holding %.2f block', async () => {
    const findings = await review({ [EN]: strings('Speed: %@x', 'Speed Up by %.2fx'), [OSD]: osd('value.string') });
    assert.deepEqual(brief(findings), [
      ['warning', 3, 'Placeholders of `osd.speed` changed: new %1$@; missing %1$f. This change also edits the code that fills it (App/OSDMessage.swift:12): check that it passes the new ones.'],
      ['error', 3, "`osd.speed` differs from the source (en) in de and fr: new %1$f; missing %1$@. This change altered the source's placeholders and left these translations as they were, while the code now fills the new ones: update them in the same change."],
    ]);
  });

  it('benign for the string: a key built at run time ("menu." + l10nKey), which no search finds, where the change edits that code', async () => {
    const findings = await review({ [EN]: strings('Speed: %.2fx', 'Speed Up by %@x'), [MENU]: menu(STRING_ARGUMENT) });
    assert.deepEqual(brief(findings).map(([severity, line, message]) => [severity, line, String(message).split(': check')[0]]), [
      ['warning', 6, 'Placeholders of `menu.speed_up` changed: new %1$@; missing %1$f. This change also edits the code that builds it at run time (App/MenuController.swift:12, from "menu."; no code names the key in full)'],
      ['error', 6, "`menu.speed_up` differs from the source (en) in de and fr: new %1$f; missing %1$@. This change altered the source's placeholders and left these translations as they were, while the code now fills the new ones: update them in the same change."],
    ]);
  });

  it('a translation the change retypes too is no longer named; one it leaves is', async () => {
    const findings = await review({ [EN]: strings('Speed: %@x', 'Speed Up by %.2fx'), [OSD]: osd('value.string'), [DE]: strings('Geschwindigkeit: %@x', 'Beschleunigen um %.2fx') });
    assert.deepEqual(brief(findings).filter(([severity]) => severity === 'error').map(([, , message]) => String(message).split('. ')[0]), ['`osd.speed` differs from the source (en) in fr: new %1$f; missing %1$@']);
  });

  it('still blocks where PM Zone cannot tell the code fills the new placeholders', async () => {
    const blocking = (findings: Finding[]) => brief(findings).filter(([severity]) => severity === 'error').map(([, , message]) => message);
    const unfilled = ['Placeholders of `osd.speed` changed: new %1$@; missing %1$f. The code fills the old ones.'];
    // Another screen, which the change does not edit, asks for the key too.
    const other = { 'App/TouchBar.swift': 'let label = String(format: NSLocalizedString("osd.speed", comment: ""), speed)\n' };
    assert.deepEqual(blocking(await review({ [EN]: strings('Speed: %@x', 'Speed Up by %.2fx'), [OSD]: osd('value.string') }, { more: other })), unfilled);
    // The change edits the file far from the call: a licence header.
    const far = `${Array.from({ length: 16 }, (_, line) => `// Licence, line ${line + 1}`).join('\n')}\n${osd('value')}`;
    assert.deepEqual(blocking(await review({ [EN]: strings('Speed: %@x', 'Speed Up by %.2fx'), [OSD]: far })), unfilled);
    // No code names `menu.speed_up`, and the repository cannot be searched: a key built at run time cannot be told from one an unsearched file names.
    assert.deepEqual(blocking(await review({ [EN]: strings('Speed: %.2fx', 'Speed Up by %@x'), [MENU]: menu(STRING_ARGUMENT) }, { search: false })), ['Placeholders of `menu.speed_up` changed: new %1$@; missing %1$f. The code fills the old ones.']);
    // The change edits code that builds other keys.
    const volume = menu('').replace('"menu." + l10nKey', '"volume." + l10nKey');
    assert.deepEqual(blocking(await review({ [EN]: strings('Speed: %.2fx', 'Speed Up by %@x'), [MENU]: menu(STRING_ARGUMENT).replace('"menu." + l10nKey', '"volume." + l10nKey') }, { more: { [MENU]: volume } })), ['Placeholders of `menu.speed_up` changed: new %1$@; missing %1$f. The code fills the old ones.']);
  });
});
