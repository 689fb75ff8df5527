import * as assert from 'node:assert/strict';
import { compareUrl, TRIMMED_BODY_NOTE, type CompareUrlInput } from '../../../../src/core/pr/compareUrl';

const base: CompareUrlInput = { owner: 'acme', repo: 'shop', base: 'main', head: 'pm/alice/copy' };

/** The query of a compare URL, decoded the way GitHub decodes it. */
function query(url: string): URLSearchParams {
  return new URL(url).searchParams;
}

describe('compareUrl', () => {
  it('builds the quick-pull compare link with title, body and labels', () => {
    const { url, trimmed } = compareUrl({ ...base, title: 'Copy: clearer dates', body: 'Line 1\nLine 2 & more', labels: ['pm-change', 'ai-assisted'] });
    assert.equal(trimmed, false);
    assert.equal(
      url,
      'https://github.com/acme/shop/compare/main...pm/alice/copy?quick_pull=1&title=Copy%3A%20clearer%20dates&body=Line%201%0ALine%202%20%26%20more&labels=pm-change,ai-assisted',
    );
  });

  it('keeps slashes of branch names and encodes every other special character', () => {
    const { url } = compareUrl({ ...base, base: 'release/2025 #1', head: 'pm/ünïcode?&%' });
    assert.equal(new URL(url).pathname, '/acme/shop/compare/release/2025%20%231...pm/%C3%BCn%C3%AFcode%3F%26%25');
    assert.equal(decodeURIComponent(new URL(url).pathname.split('...')[1]!), 'pm/ünïcode?&%');
    assert.equal(new URL(url).search.startsWith('?quick_pull=1'), true, 'the ? of the branch did not start the query');
  });

  it('keeps the colon of a fork head', () => {
    assert.match(compareUrl({ ...base, head: 'alice:copy' }).url, /compare\/main\.\.\.alice:copy\?/);
  });

  it('encodes labels with spaces and commas and drops blank and duplicate ones', () => {
    const { url } = compareUrl({ ...base, labels: ['AI assisted', 'a,b', ' ', 'AI assisted'] });
    assert.match(url, /&labels=AI%20assisted,a%2Cb$/);
  });

  it('leaves out empty title, body and labels', () => {
    assert.equal(compareUrl({ ...base, title: '', body: '', labels: [] }).url, 'https://github.com/acme/shop/compare/main...pm/alice/copy?quick_pull=1');
  });

  it('works for GitHub Enterprise hosts, written with or without scheme, with a port', () => {
    assert.match(compareUrl({ ...base, host: 'github.example.com' }).url, /^https:\/\/github\.example\.com\/acme\/shop\/compare\//);
    assert.match(compareUrl({ ...base, host: 'https://ghe.corp:8443/' }).url, /^https:\/\/ghe\.corp:8443\/acme\/shop\/compare\//);
  });

  it('round-trips CRLF, a BOM, emoji and a broken surrogate without throwing', () => {
    const body = '\uFEFFPlan\r\n🚚 dates\r\n\uD800';
    const decoded = query(compareUrl({ ...base, body }).url).get('body');
    assert.equal(decoded, '\uFEFFPlan\r\n🚚 dates\r\n\uFFFD');
  });

  it('trims a long body at a line boundary and appends the note, to fit', () => {
    const lines = Array.from({ length: 400 }, (_, index) => `- checklist item ${index} passed`);
    const { url, trimmed } = compareUrl({ ...base, title: 'T', body: lines.join('\n') }, { maxLength: 2000 });
    assert.equal(trimmed, true);
    assert.ok(url.length <= 2000, `length ${url.length}`);
    const body = query(url).get('body')!;
    assert.ok(body.endsWith(`\n\n${TRIMMED_BODY_NOTE}`));
    const kept = body.slice(0, -TRIMMED_BODY_NOTE.length - 2).split('\n');
    assert.deepEqual(kept, lines.slice(0, kept.length), 'whole lines, in order');
    assert.ok(kept.length > 10, 'keeps as much as fits');
    const oneMore = compareUrl({ ...base, title: 'T', body: `${lines.slice(0, kept.length + 1).join('\n')}\n\n${TRIMMED_BODY_NOTE}` });
    assert.ok(oneMore.url.length > 2000, 'one more line would not have fitted');
  });

  it('closes a code fence the cut falls inside', () => {
    const body = `Intro\n\`\`\`diff\n${'+ added line\n'.repeat(500)}\`\`\`\nAfter`;
    const decoded = query(compareUrl({ ...base, body }, { maxLength: 1500 }).url).get('body')!;
    assert.match(decoded, /\+ added line\n```\n\n… the rest/);
  });

  it('cuts inside a single line that alone is too long', () => {
    const { url, trimmed } = compareUrl({ ...base, body: 'word '.repeat(5000) }, { maxLength: 1000 });
    assert.equal(trimmed, true);
    assert.ok(url.length <= 1000);
    assert.match(query(url).get('body')!, /^word word .*\n\n… the rest/s);
  });

  it('shortens the title when even the note does not fit', () => {
    const { url, trimmed } = compareUrl({ ...base, title: 'x'.repeat(3000), body: 'b'.repeat(3000) }, { maxLength: 500 });
    assert.equal(trimmed, true);
    assert.ok(url.length <= 500);
    assert.equal(query(url).get('body'), null);
    assert.match(query(url).get('title')!, /^x+…$/);
  });

  it('a body of many short lines (huge input) fits the default 8000 (its time: bench/limits.bench.ts)', () => {
    const { url } = compareUrl({ ...base, body: 'ok\n'.repeat(200_000) });
    assert.ok(url.length <= 8000);
  });

  it('refuses a missing owner, repo or branch', () => {
    assert.throws(() => compareUrl({ ...base, head: ' ' }), /needs the head/);
    assert.throws(() => compareUrl({ ...base, owner: '' }), /needs the owner/);
  });
});
