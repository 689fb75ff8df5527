// README is the front door and the rest of the documentation sits behind it
// in docs/ and CONTRIBUTING.md: a moved section must not leave a link, an
// image or an anchor pointing at nothing. On the Marketplace vsce rewrites
// README's relative links to the repository, so a link must also stay inside
// the repository.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { descendants, parseMarkdown, plainText } from '../../../src/core/text/markdown';

const root = path.join(__dirname, '..', '..', '..');

const documents = [
  'README.md', 'CONTRIBUTING.md', 'ARCHITECTURE.md', 'CHANGELOG.md',
  ...readdirSync(path.join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`),
];

/** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  for (const heading of descendants(parseMarkdown(text), 'heading')) {
    const slug = plainText(heading).toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    let anchor = slug;
    for (let repeat = 1; anchors.has(anchor); repeat++) anchor = `${slug}-${repeat}`;
    anchors.add(anchor);
  }
  return anchors;
}

const anchorsByDocument = new Map<string, Set<string>>();
function anchorsOfDocument(relative: string): Set<string> {
  if (!anchorsByDocument.has(relative)) anchorsByDocument.set(relative, anchorsOf(readFileSync(path.join(root, relative), 'utf8')));
  return anchorsByDocument.get(relative)!;
}

/** Each relative link or image of the document at `file` (repository-relative) that leads nowhere, with why. */
function brokenLinks(file: string, text: string): string[] {
  const tree = parseMarkdown(text);
  const urls = [...descendants(tree, 'link'), ...descendants(tree, 'image'), ...descendants(tree, 'definition')].map((node) => node.url);
  const broken: string[] = [];
  for (const url of urls) {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) continue;
    const [target, anchor] = decodeURI(url).split('#', 2) as [string, string | undefined];
    const relative = target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
    if (relative.startsWith('../')) broken.push(`${url}: outside the repository`);
    else if (relative !== file && !existsSync(path.join(root, relative))) broken.push(`${url}: no such file`);
    else if (anchor !== undefined && relative.endsWith('.md') && (relative === file || statSync(path.join(root, relative)).isFile())) {
      if (!(relative === file ? anchorsOf(text) : anchorsOfDocument(relative)).has(anchor)) broken.push(`${url}: no heading ${relative}#${anchor}`);
    }
  }
  return broken;
}

describe("the documentation's links", () => {
  for (const file of documents) {
    it(`${file}: every relative link, image and anchor leads somewhere`, () => {
      assert.deepEqual(brokenLinks(file, readFileSync(path.join(root, file), 'utf8')), []);
    });
  }

  it('README links every page of docs/ and CONTRIBUTING.md', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const linked = new Set(descendants(parseMarkdown(readme), 'link').map((link) => link.url.split('#')[0]));
    const pages = ['CONTRIBUTING.md', ...documents.filter((file) => file.startsWith('docs/'))];
    assert.deepEqual(pages.filter((page) => !linked.has(page)), []);
  });

  it('finds a missing file, a missing heading and a link out of the repository', () => {
    const text = [
      '# Set-up: the `## PM zone` section', '',
      '[ok](#set-up-the--pm-zone-section) [ok](../README.md#two-commands) [ok](../media/screenshots/explorer.png)',
      '[gone](gone.md) [no anchor](#nowhere) [up](../../outside.md) ![gone](../media/screenshots/gone.png)',
    ].join('\n');
    assert.deepEqual(brokenLinks('docs/example.md', text), [
      'gone.md: no such file',
      '#nowhere: no heading docs/example.md#nowhere',
      '../../outside.md: outside the repository',
      '../media/screenshots/gone.png: no such file',
    ]);
  });
});
