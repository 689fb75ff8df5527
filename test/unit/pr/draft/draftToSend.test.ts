import * as assert from 'node:assert/strict';
import { DRAFT_FILE_NAME, markDraftSent, readDraftToSend, renderDraft, type DraftFolder, type PullRequestDraft } from '../../../../src/core/pr';

// The draft both front ends send: read, `draft:` set when asked, written back
// so that what is sent is on disk; then marked with where GitHub opened it.

const DRAFT: PullRequestDraft = { title: 'Clearer copy', base: 'main', head: 'alice/copy', labels: ['pm-authored'], reviewers: ['@dana'], draft: true, body: 'Why.\n' };

/** A draft folder in memory that records every write. */
function folder(text: string | undefined): DraftFolder & { text: string | undefined; writes: number } {
  const memory = {
    text,
    writes: 0,
    read: async (name: string) => (name === DRAFT_FILE_NAME ? memory.text : undefined),
    write: async (name: string, written: string) => {
      assert.equal(name, DRAFT_FILE_NAME);
      memory.text = written;
      memory.writes++;
    },
  };
  return memory;
}

describe('readDraftToSend and markDraftSent', () => {
  it('reads the draft as it is and writes nothing when nothing changes', async () => {
    const drafts = folder(renderDraft(DRAFT));
    assert.deepEqual(await readDraftToSend(drafts), { ok: true, draft: DRAFT });
    assert.equal(drafts.writes, 0);
  });

  it('sets draft: when asked, and writes it back: what is sent is on disk', async () => {
    const drafts = folder(renderDraft(DRAFT));
    const reading = await readDraftToSend(drafts, { draft: false });
    assert.deepEqual(reading, { ok: true, draft: { ...DRAFT, draft: false } });
    assert.equal(drafts.writes, 1);
    assert.match(drafts.text ?? '', /^draft: false$/m);
  });

  it('writes unsaved edits back when the front end holds them, even unchanged here', async () => {
    const drafts = folder(renderDraft(DRAFT));
    await readDraftToSend(drafts, { save: true });
    assert.equal(drafts.writes, 1);
  });

  it('says there is no draft, and writes none', async () => {
    const drafts = folder(undefined);
    assert.deepEqual(await readDraftToSend(drafts, { draft: false, save: true }), { ok: false, reason: 'missing' });
    assert.equal(drafts.writes, 0);
  });

  it('a text that is no draft: its line and why; the PM\'s unsaved text is kept as it is, draft: is not written into it', async () => {
    const broken = renderDraft(DRAFT).replace('title: Clearer copy', 'title: ""');
    const drafts = folder(broken);
    const reading = await readDraftToSend(drafts, { draft: false, save: true });
    assert.equal(reading.ok, false);
    assert.ok(!reading.ok && reading.reason === 'unreadable' && reading.line > 0 && reading.message.length > 0);
    assert.equal(drafts.text, broken);
    const unsaved = folder(broken);
    await readDraftToSend(unsaved, { draft: false });
    assert.equal(unsaved.writes, 0);
  });

  it('marks the draft sent with the address GitHub gave, so it is not sent twice', async () => {
    const drafts = folder(renderDraft(DRAFT));
    await markDraftSent(drafts, 'https://github.com/acme/shop/pull/7');
    const reading = await readDraftToSend(drafts);
    assert.equal(reading.ok && reading.draft.sent, 'https://github.com/acme/shop/pull/7');
    const none = folder(undefined);
    await markDraftSent(none, 'https://github.com/acme/shop/pull/7');
    assert.equal(none.writes, 0);
  });
});
