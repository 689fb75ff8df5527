// The project's own word on its locales, where a configuration file says it:
// `locales: ['en', 'de']` and `defaultLocale`/`sourceLocale`/`fallbackLng`
// in `i18n.config`, `next-i18next.config`, `i18next-parser.config`,
// `i18next.config` (i18next-cli), `lingui.config`, `next.config`; and
// Crowdin's `crowdin.yml`, whose `translation` patterns say where the locale
// sits in a path (`/locales/%two_letters_code%/%original_file_name%`). A
// JavaScript configuration is read as tokens, never run. The nearest
// configuration above a strings folder counts, up to the repository root:
// each app of a monorepo names its own. The source locale also comes from
// the frameworks' own settings: Laravel's `config/app.php`
// (`fallback_locale`, else `locale`), Rails' `config.i18n.default_locale`
// (`config/application.rb`, `config/initializers/locale.rb`) and Flutter's
// `l10n.yaml` (the locale of its `template-arb-file`) and an Xcode project's
// `developmentRegion` (`App.xcodeproj/project.pbxproj`).
import { isMap, isSeq } from 'yaml';
import type { FileSource } from '../../../types';
import { codeTokens, literalValue, type CodeToken } from '../../../text/code';
import { parseYaml } from '../../../text/yaml';
import { dirName } from '../contentSupport';
import { namesIn } from '../folderListing';

export interface ProjectLocales {
  /** The locales the configuration names, as written. */
  locales: ReadonlySet<string>;
  /** The locale strings are written in (`defaultLocale`, `sourceLocale`, `fallbackLng`, Crowdin's source). */
  source?: string;
  /** Crowdin's translation paths, each matching a path with the locale in its `locale` group. */
  crowdin: readonly RegExp[];
  /** i18next's default namespace (`defaultNS`), the one a translator asked for without naming one reads. */
  defaultNamespace?: string;
  /** The folder whose configuration this is; undefined when none was found up to the root. */
  folder?: string;
}

const CONFIG_NAME = /^(?:(?:i18n|next-i18next|i18next-parser|i18next|lingui|next)\.config\.(?:[cm]?[jt]s|json)|\.linguirc|crowdin\.ya?ml)$/;
const NONE: ProjectLocales = { locales: new Set(), crowdin: [] };

const cached = new WeakMap<FileSource, Map<string, Promise<ProjectLocales>>>();

/** The configuration that governs files in `folder`: the nearest folder at or above it that holds one. */
export function projectLocalesFor(folder: string, files: FileSource): Promise<ProjectLocales> {
  let byFolder = cached.get(files);
  if (!byFolder) cached.set(files, (byFolder = new Map()));
  let found = byFolder.get(folder);
  if (!found) {
    found = readFolder(folder, files);
    byFolder.set(folder, found);
  }
  return found;
}

/** The files a framework's project root keeps its source locale in, by the file that marks the framework. */
const FRAMEWORK_CONFIGS: readonly { marker: string; paths: string[] }[] = [
  { marker: 'artisan', paths: ['config/app.php'] },
  { marker: 'Gemfile', paths: ['config/application.rb', 'config/initializers/locale.rb'] },
  { marker: 'l10n.yaml', paths: ['l10n.yaml'] },
];

async function readFolder(folder: string, files: FileSource): Promise<ProjectLocales> {
  const names = await namesIn(files, folder);
  const configs = (names ?? []).filter((name) => CONFIG_NAME.test(name));
  for (const { marker, paths } of FRAMEWORK_CONFIGS) if (names?.includes(marker)) configs.push(...paths);
  // Xcode keeps the language its strings are written in as the project's development region.
  for (const name of names ?? []) if (/\.xcodeproj$/.test(name)) configs.push(`${name}/project.pbxproj`);
  if (configs.length > 0) {
    const read = await Promise.all(configs.map(async (name) => readConfig(join(folder, name), await files.readText(join(folder, name)))));
    const merged = merge(read);
    if (merged.locales.size > 0 || merged.source !== undefined || merged.crowdin.length > 0 || merged.defaultNamespace !== undefined) return { ...merged, folder };
  }
  return folder === '' ? NONE : projectLocalesFor(dirName(folder), files);
}

function merge(configs: ProjectLocales[]): ProjectLocales {
  return {
    locales: new Set(configs.flatMap((config) => [...config.locales])),
    source: configs.find((config) => config.source !== undefined)?.source,
    crowdin: configs.flatMap((config) => config.crowdin),
    defaultNamespace: configs.find((config) => config.defaultNamespace !== undefined)?.defaultNamespace,
  };
}

function readConfig(path: string, text: string | undefined): ProjectLocales {
  if (text === undefined) return NONE;
  // `developmentRegion = en;` (or `"en-GB"`); a large app's project file runs to megabytes, and this is one search.
  if (/\.pbxproj$/.test(path)) return sourceOnly(/\bdevelopmentRegion\s*=\s*"?([A-Za-z][\w-]*)"?\s*;/.exec(text)?.[1]);
  if (text.length > 200_000) return NONE;
  if (/(?:^|\/)l10n\.yaml$/.test(path)) return readFlutter(text);
  if (/\.php$/.test(path)) return sourceOnly(/'fallback_locale'\s*=>\s*(?:env\(\s*'[^']*'\s*,\s*)?'([^']+)'/.exec(text)?.[1] ?? /'locale'\s*=>\s*(?:env\(\s*'[^']*'\s*,\s*)?'([^']+)'/.exec(text)?.[1]);
  if (/\.rb$/.test(path)) return sourceOnly(/^\s*(?:config\.i18n|I18n)\.default_locale\s*=\s*(?::(\w+)|["']([\w-]+)["'])/m.exec(text)?.slice(1).find((value) => value !== undefined));
  if (/\.ya?ml$/.test(path)) return readCrowdin(text, dirName(path));
  return readScript(text);
}

function sourceOnly(source: string | undefined): ProjectLocales {
  return source === undefined ? NONE : { locales: new Set(), source, crowdin: [] };
}

/** Flutter's gen-l10n: the template ARB file is the source (`app_en.arb` → `en`). */
function readFlutter(text: string): ProjectLocales {
  const document = parseYaml(text);
  const template = document.errors.length === 0 && isMap(document.contents) ? document.get('template-arb-file') : undefined;
  if (typeof template !== 'string') return NONE;
  // `app_en.arb`, `app_pt_BR.arb`, `intl_zh_Hant.arb`: the locale is the last part, with its region or script.
  const parts = template.replace(/^.*\//, '').replace(/\.arb$/i, '').split(/[_-]/);
  const last = parts[parts.length - 1];
  const region = /^(?:[A-Z]{2}|[A-Z][a-z]{3})$/.test(last) && parts.length > 2 && /^[a-z]{2,3}$/.test(parts[parts.length - 2]);
  return sourceOnly(region ? `${parts[parts.length - 2]}_${last}` : /^[a-z]{2,3}$/.test(last) ? last : undefined);
}

/** `locales: [...]` (or `supportedLngs`) and the source locale, wherever the script writes them. */
function readScript(text: string): ProjectLocales {
  const tokens = codeTokens(text);
  const locales = new Set<string>();
  let source: string | undefined;
  let defaultNamespace: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const name = propertyName(tokens[i]);
    if (name === undefined || tokens[i + 1]?.raw !== ':') continue;
    if (/^(?:locales|supportedLngs|languages)$/.test(name) && tokens[i + 2]?.raw === '[') {
      for (let j = i + 3; j < tokens.length && tokens[j].raw !== ']'; j++) {
        const value = literalValue(tokens[j]);
        if (value !== undefined) locales.add(value);
      }
    } else if (/^(?:defaultLocale|sourceLocale|fallbackLng|defaultLanguage|sourceLanguage)$/.test(name)) {
      source ??= literalValue(tokens[i + 2]);
    } else if (name === 'defaultNS') {
      defaultNamespace ??= literalValue(tokens[i + 2]);
    }
  }
  return { locales, source, crowdin: [], defaultNamespace };
}

function propertyName(token: CodeToken): string | undefined {
  return token.kind === 'identifier' ? token.raw : literalValue(token);
}

/** Crowdin's placeholders for the locale, in a translation path. */
const CROWDIN_LOCALE = /%(?:two_letters_code|three_letters_code|locale|locale_with_underscore|android_code|osx_code|osx_locale|language)%/;

function readCrowdin(text: string, folder: string): ProjectLocales {
  const document = parseYaml(text);
  if (document.errors.length > 0 || !isMap(document.contents)) return NONE;
  const basePath = String(document.get('base_path') ?? '.').replace(/^\.\/?|\/$/g, '');
  const entries = document.get('files');
  const crowdin: RegExp[] = [];
  let source: string | undefined;
  if (!isSeq(entries)) return NONE;
  for (const entry of entries.items) {
    if (!isMap(entry)) continue;
    const translation = entry.get('translation');
    const sourcePath = entry.get('source');
    if (typeof translation !== 'string' || !CROWDIN_LOCALE.test(translation)) continue;
    const root = [folder, basePath].filter((part) => part !== '').join('/');
    crowdin.push(crowdinPattern(root, translation));
    if (typeof sourcePath === 'string') source ??= sourceLocaleOf(crowdinPattern(root, translation), join(root, sourcePath.replace(/^\//, '')));
  }
  return { locales: new Set(), source, crowdin };
}

/** A translation path as a regular expression over repository paths, the locale captured. */
function crowdinPattern(root: string, translation: string): RegExp {
  const path = join(root, translation.replace(/^\//, ''));
  let pattern = '';
  let localeSeen = false;
  for (const part of path.split(/(%[a-z_]+%|\*\*|\*)/)) {
    if (part === '**') pattern += '.*';
    else if (part === '*') pattern += '[^/]*';
    else if (CROWDIN_LOCALE.test(part) && /^%[a-z_]+%$/.test(part)) {
      pattern += localeSeen ? '[^/]+?' : '(?<locale>[^/]+?)';
      localeSeen = true;
    } else if (part === '%original_path%') pattern += '.*?';
    else if (/^%[a-z_]+%$/.test(part)) pattern += '[^/]*?';
    else pattern += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/** The locale Crowdin's source file is in: its path read through the translation pattern (`/locales/en/*.json` gives `en`). */
function sourceLocaleOf(translation: RegExp, sourcePath: string): string | undefined {
  const probe = sourcePath.replace(/\*\*?/g, 'x');
  return translation.exec(probe)?.groups?.locale;
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}
