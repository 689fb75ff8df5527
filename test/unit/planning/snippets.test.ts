import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PLANNING_SECTIONS, TIERS } from '../../../src/core/planning';

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
  scope?: string;
}

const SNIPPETS_FILE = path.join(__dirname, '..', '..', '..', 'snippets', 'planning.code-snippets');
const snippets = JSON.parse(readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, Snippet>;
const HEADINGS = PLANNING_SECTIONS.map((section) => section.heading);

describe('planning snippets', () => {
  it('each has a pm- prefix, a body of lines, a description and the markdown scope', () => {
    const entries = Object.entries(snippets);
    assert.ok(entries.length >= 5);
    for (const [name, snippet] of entries) {
      assert.match(snippet.prefix, /^pm-[a-z]+$/, name);
      assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0 && snippet.body.every((line) => typeof line === 'string'), name);
      assert.ok(typeof snippet.description === 'string' && snippet.description.length > 10, name);
      assert.equal(snippet.scope, 'markdown', name);
    }
    const prefixes = entries.map(([, snippet]) => snippet.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
    for (const wanted of ['pm-risks', 'pm-signoff', 'pm-section', 'pm-rollout', 'pm-ai']) assert.ok(prefixes.includes(wanted), wanted);
  });

  it('names each section snippet after a template heading, and its body starts with that heading', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      const section = /^PLANNING\.md section: (.+)$/.exec(name)?.[1];
      if (!section) continue;
      assert.ok(HEADINGS.includes(section), `${section} is a template heading`);
      assert.equal(snippet.body[0], `## ${section}`);
    }
    for (const [name, snippet] of Object.entries(snippets)) {
      for (const line of snippet.body.filter((text) => /^#{2,3} [^$]/.test(text))) {
        assert.ok(HEADINGS.includes(line.replace(/^#+ /, '')), `${name}: ${line}`);
      }
    }
  });

  it('offers exactly the template headings, in order, in pm-section', () => {
    const section = Object.values(snippets).find((snippet) => snippet.prefix === 'pm-section')!;
    const choices = /\$\{1\|(.+)\|\}/.exec(section.body[0])?.[1].split(',');
    assert.deepEqual(choices, HEADINGS);
  });

  it('offers exactly the tiers in the front matter snippet', () => {
    const frontMatter = Object.values(snippets).find((snippet) => snippet.prefix === 'pm-frontmatter')!;
    const tierLine = frontMatter.body.find((line) => line.startsWith('tier: '))!;
    assert.deepEqual(/\|(.+)\|/.exec(tierLine)?.[1].split(',').sort(), [...TIERS].sort());
  });
});
