// Whose code uses a removed key. In a monorepo each app keeps its own strings
// (`apps/landing/public/locales/*/common.json`, `apps/web/public/locales/*/app.json`,
// `packages/emails/locales/*/emails.json`): `t('title')` in apps/web asks
// apps/web's default namespace, not apps/landing's `common`, so it does not
// keep a key apps/landing removed in use. A use counts when the code loads
// that namespace: it names it (`common:title`, `useTranslation('common')`),
// or asks for its default namespace and is the same app, or an app whose
// default namespace it is, or a library with no strings of its own (it renders
// in whichever app uses it). Strings kept in a package of their own, with no
// configuration of their own, are shared: any code that loads the namespace
// uses them. With no namespace (`locales/en.json`), the same scope holds by app.
import type { FileSource } from '../../../types';
import { dirName } from '../contentSupport';
import { namesIn } from '../folderListing';
import { projectLocalesFor } from './localeConfig';
import type { LocaleSet } from './localeSet';
import type { LoadedNamespaces } from './uses';

/** Where a key is named: the file, and the namespace written before the key, if any. */
export interface NamedAt {
  file: string;
  namespace?: string;
}

export type UseScope = (place: NamedAt, loaded: LoadedNamespaces | undefined) => Promise<boolean>;

export async function useScope(set: LocaleSet, files: FileSource): Promise<UseScope> {
  const namespace = set.namespace;
  const setFolder = dirName(set.id.slice(0, Math.max(0, set.id.indexOf('*'))) || set.id);
  const setApp = await appRootOf(setFolder, files);
  const shared = !(await hasOwnStrings(setApp, files));
  return async (place, loaded) => {
    if (place.namespace !== undefined) return namespace === undefined || place.namespace === namespace;
    if (namespace !== undefined && loaded?.named.includes(namespace)) return true;
    if (namespace !== undefined && loaded && loaded.named.length > 0 && !loaded.unnamed) return false;
    if (shared) return true;
    const app = await appRootOf(dirName(place.file), files);
    if (app === setApp) return true;
    const config = await projectLocalesFor(app, files);
    if (config.folder !== app) return true;
    return namespace !== undefined && config.defaultNamespace === namespace;
  };
}

/** Whether the folder's own configuration says how its strings are loaded (a default namespace, its locales). */
async function hasOwnStrings(folder: string, files: FileSource): Promise<boolean> {
  return (await projectLocalesFor(folder, files)).folder === folder;
}

const roots = new WeakMap<FileSource, Map<string, Promise<string>>>();

/** The nearest folder at or above `folder` holding a package.json: the app or package the code belongs to; '' at the top. */
function appRootOf(folder: string, files: FileSource): Promise<string> {
  let byFolder = roots.get(files);
  if (!byFolder) roots.set(files, (byFolder = new Map()));
  let found = byFolder.get(folder);
  if (!found) {
    found = (async () => {
      if (folder === '') return '';
      const names = files.listFiles || files.listDirectory ? await namesIn(files, folder) : undefined;
      const hasManifest = names ? names.includes('package.json') : (await files.readText(`${folder}/package.json`)) !== undefined;
      return hasManifest ? folder : appRootOf(dirName(folder), files);
    })();
    byFolder.set(folder, found);
  }
  return found;
}
