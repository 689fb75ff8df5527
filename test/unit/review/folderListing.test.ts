import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { namesIn, SCANS } from '../../../src/core/review/checks/folderListing';
import type { FileSource } from '../../../src/core/types';

const REPOS = path.resolve(__dirname, '../../repos');

/** What each folder holds, as the index of every folder read it before: each path split at '/', its first parts joined the folder. */
function reference(paths: readonly string[]): (folder: string) => string[] | undefined {
  const names = new Map<string, Set<string>>();
  for (const file of paths) {
    const parts = file.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (!names.has(folder)) names.set(folder, new Set());
      names.get(folder)!.add(parts[depth]);
    }
  }
  return (folder) => {
    const found = names.get(folder);
    return found && [...found].sort();
  };
}

/** A file source that lists `paths`, counting its listings; nothing of it is ever read. */
function listing(paths: readonly string[]): FileSource & { listed: number } {
  const source = {
    listed: 0,
    readText: () => Promise.reject(new Error('not read')),
    listFiles: async () => {
      source.listed++;
      return [...paths];
    },
  };
  return source;
}

/** Every folder of the paths, with folders no path has (a file's own path, a missing one). */
function foldersOf(paths: readonly string[]): string[] {
  const folders = new Set<string>(['', 'no/such/folder']);
  for (const file of paths) {
    for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) folders.add(file.slice(0, slash));
    folders.add(file);
  }
  return [...folders];
}

describe('the names in a folder, from one listing of the repository', () => {
  it('answers every folder of real repositories as the index of every folder did, going through the listing for the first ones and by the index after', async () => {
    const repos = readdirSync(REPOS).filter((name) => existsSync(path.join(REPOS, name, 'paths.gz')));
    assert.ok(repos.length >= 10, `the repositories kept in test/repos: ${repos.join(', ')}`);
    for (const name of repos) {
      const paths = gunzipSync(readFileSync(path.join(REPOS, name, 'paths.gz'))).toString('utf8').split('\n').filter((line) => line !== '' && !line.startsWith('"'));
      const folders = foldersOf(paths);
      // Past SCANS folders, the rest come from the index: both ways are held to the same answers.
      const asked = folders.filter((_, i) => i < SCANS + 5 || i % 37 === 0);
      assert.ok(asked.length > SCANS, `${name}: ${asked.length} folders`);
      const files = listing(paths);
      const expected = reference(paths);
      for (const folder of asked) assert.deepEqual(await namesIn(files, folder), expected(folder), `${name}: ${folder}`);
      assert.equal(files.listed, 1, `${name}: listed once`);
    }
  });

  it('splits odd paths as the index did: an empty part, a name with spaces or outside ASCII, a file and a folder of one name', async () => {
    const paths = ['a//b', 'a/c d/é.json', 'a-b', 'a/b', 'x', 'x.d/y', 'a', ''];
    const files = listing(paths);
    const expected = reference(paths);
    for (const folder of ['', 'a', 'a/', 'a/c d', 'x', 'x.d', 'a/b', 'missing']) assert.deepEqual(await namesIn(files, folder), expected(folder), JSON.stringify(folder));
    // Asked again: the same answer, kept.
    assert.equal(await namesIn(files, 'a'), await namesIn(files, 'a'));
  });

  it('lists folder by folder where the source cannot list the repository', async () => {
    const asked: string[] = [];
    const files: FileSource = { readText: () => Promise.resolve(undefined), listDirectory: async (folder) => (asked.push(folder), folder === 'locales' ? ['de.json', 'en.json'] : undefined) };
    assert.deepEqual(await namesIn(files, 'locales'), ['de.json', 'en.json']);
    assert.equal(await namesIn(files, 'missing'), undefined);
    assert.deepEqual(asked, ['locales', 'missing']);
  });
});
