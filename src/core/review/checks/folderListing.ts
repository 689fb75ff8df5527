// The names in a folder, for the checks that look around a file (the i18n
// check's locale sets, the attributes of generated files): read from one listing of the
// whole repository where the file source offers it (one git process, where
// listing folder by folder took one for each of a translation drop's
// hundred folders), else folder by folder. Kept per file source.
//
// A review of a few files asks for a few folders (each changed file's and
// those above it): each is answered by going through the listing once, where
// an index of every folder of nuttx's 27,020 paths took 41 ms and its
// garbage as much again, to answer one. Past `SCANS` folders, the index of
// every folder is built once and answers the rest.
import type { FileSource } from '../../types';

/** Folders answered by going through the listing before the index of every folder is built. */
export const SCANS = 16;

interface Listing {
  paths: readonly string[];
  scans: number;
  index?: Map<string, Set<string>>;
}

const listingsOf = new WeakMap<FileSource, Promise<Listing | undefined>>();
const answers = new WeakMap<FileSource, Map<string, Promise<string[] | undefined>>>();

/** The names in `folder` ('' is the root), sorted, or undefined when it is absent or cannot be listed. */
export function namesIn(files: FileSource, folder: string): Promise<string[] | undefined> {
  let byFolder = answers.get(files);
  if (!byFolder) answers.set(files, (byFolder = new Map()));
  let listed = byFolder.get(folder);
  if (!listed) {
    listed = listingOf(files).then((listing) => (listing ? namesInListing(listing, folder) : files.listDirectory?.(folder)));
    byFolder.set(folder, listed);
  }
  return listed;
}

function listingOf(files: FileSource): Promise<Listing | undefined> {
  let listing = listingsOf.get(files);
  if (!listing) {
    listing = (files.listFiles?.() ?? Promise.resolve(undefined)).then((paths) => (paths ? { paths, scans: 0 } : undefined)).catch(() => undefined);
    listingsOf.set(files, listing);
  }
  return listing;
}

function namesInListing(listing: Listing, folder: string): string[] | undefined {
  if (!listing.index && listing.scans < SCANS) {
    listing.scans++;
    return sortedNames(scan(listing.paths, folder));
  }
  listing.index ??= folderIndex(listing.paths);
  return sortedNames(listing.index.get(folder));
}

function sortedNames(names: Set<string> | undefined): string[] | undefined {
  return names && [...names].sort();
}

/** The next segment of each path in `folder`: the paths split at '/' as the index splits them. */
function scan(paths: readonly string[], folder: string): Set<string> | undefined {
  const prefix = folder === '' ? '' : `${folder}/`;
  let names: Set<string> | undefined;
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const slash = path.indexOf('/', prefix.length);
    (names ??= new Set()).add(slash < 0 ? path.slice(prefix.length) : path.slice(prefix.length, slash));
  }
  return names;
}

/** Every folder of the listing with the names in it: each path split at each '/', the part before it the folder. */
function folderIndex(paths: readonly string[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const path of paths) {
    for (let start = 0; ; ) {
      const slash = path.indexOf('/', start);
      const folder = start === 0 ? '' : path.slice(0, start - 1);
      let names = index.get(folder);
      if (!names) index.set(folder, (names = new Set()));
      names.add(slash < 0 ? path.slice(start) : path.slice(start, slash));
      if (slash < 0) break;
      start = slash + 1;
    }
  }
  return index;
}
