import { withoutCR } from '../text/lines';
import type { Mode } from './model';
import { readHandle } from './people';
import type { ReadContext } from './readContext';

/** The one-line settings of the section: `Mode:`, `Style guide:`, `Product DRI:`, `Source locale:`. */
export interface ZoneSettings {
  mode?: Mode;
  styleGuide?: string;
  productDri?: string;
  sourceLocale?: string;
}

const SETTING_LINE = /^\s*(?:[-*+]\s+)?[*_]{0,2}\s*(mode|style[\s-]?guide|product[\s-]+dri|source[\s-]+locale)\s*[*_]{0,2}\s*:\s*[*_]{0,2}\s*(.*?)\s*$/di;

type SettingKey = keyof ZoneSettings;

const SETTING_NAMES: Record<SettingKey, string> = { mode: 'Mode', styleGuide: 'Style guide', productDri: 'Product DRI', sourceLocale: 'Source locale' };

function keyOf(word: string): SettingKey {
  const lower = word.toLowerCase();
  if (lower === 'mode') return 'mode';
  if (lower.startsWith('source')) return 'sourceLocale';
  return lower.startsWith('style') ? 'styleGuide' : 'productDri';
}

function stripMarkup(value: string): string {
  return value.replace(/^[`*_\s]+|[`*_\s.]+$/g, '');
}

/** A link's target in `[text](target)` or `<target>`, else the value itself. */
function linkTarget(value: string): string {
  const inline = /\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/.exec(value);
  if (inline) return inline[1];
  const auto = /<([^>\s]+)>/.exec(value);
  return auto ? auto[1] : stripMarkup(value);
}

/**
 * Reads every setting line of `text` (a paragraph or list item starting at
 * `offset` in the source) into `settings`. Returns true when at least one
 * line was a setting, so the caller knows the text was understood.
 */
export function readSettingLines(text: string, offset: number, settings: ZoneSettings, ctx: ReadContext): boolean {
  let understood = false;
  let lineOffset = 0;
  for (const line of text.split('\n')) {
    const match = SETTING_LINE.exec(withoutCR(line));
    if (match?.indices) {
      understood = true;
      const at = ctx.pointAt(offset + lineOffset + match.indices[2][0]);
      readSetting(keyOf(match[1]), match[2], at, settings, ctx);
    }
    lineOffset += line.length + 1;
  }
  return understood;
}

function readSetting(key: SettingKey, value: string, at: { line: number; column: number }, settings: ZoneSettings, ctx: ReadContext): void {
  if (settings[key] !== undefined) {
    ctx.report(at, 'warning', 'duplicate-setting', `${SETTING_NAMES[key]} is already set above; this line is ignored.`);
    return;
  }
  if (key === 'mode') {
    const mode = stripMarkup(value).toLowerCase();
    if (mode === 'standard' || mode === 'regulated') {
      settings.mode = mode;
    } else {
      settings.mode = 'regulated';
      ctx.report(at, 'error', 'invalid-mode', `Mode must be \`standard\` or \`regulated\`, not "${stripMarkup(value)}"; read as regulated, the stricter one.`, {
        endColumn: at.column + Math.max(value.length, 1),
      });
    }
  } else if (key === 'sourceLocale') {
    // The locale translations are compared with (`en`, `en-US`); the i18n check matches `_` and `-` alike.
    const locale = stripMarkup(value);
    if (locale) settings.sourceLocale = locale;
  } else if (key === 'styleGuide') {
    const target = linkTarget(value);
    if (target) settings.styleGuide = target;
  } else {
    const handle = readHandle(stripMarkup(value), at, 'product DRI', ctx);
    if (handle) settings.productDri = handle;
  }
}
