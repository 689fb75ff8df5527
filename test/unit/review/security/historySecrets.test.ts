// The branch's history read for secrets (historySecrets.ts), with the commits
// given as git would read them: what the newest commit added to a file the
// change holds as that commit left it is not scanned again, and the findings
// are what scanning it gives.
import * as assert from 'node:assert/strict';
import { historyFindings } from '../../../../src/core/review/checks/security/historySecrets';
import type { Change, CommitAdditions, FileAdditions } from '../../../../src/core/review/model';
import { fakeSecrets } from '../e2e/fakeSecrets';

const PROMPT = 'src/features/checkout/prompts/t.md';
const token = fakeSecrets.githubToken(51);

function added(path: string, text: string): FileAdditions {
  return { path, lines: text.split('\n').slice(0, -1).map((line, index) => ({ line: index + 1, text: line, added: true })) };
}

function commit(sha: string, message: string, files: FileAdditions[]): CommitAdditions {
  return { sha, subject: message.split('\n')[0], message, files };
}

function changeWith(newText: string): Change {
  return { mode: 'branch', files: [{ path: PROMPT, status: 'added', oldText: undefined, newText }], commits: [] } as unknown as Change;
}

async function findings(commits: CommitAdditions[], newText: string): Promise<string[]> {
  const found = await historyFindings({ read: async () => ({ commits, unread: [] }) }, changeWith(newText), new Set());
  return found.map((finding) => finding.message.split(' — ')[0]);
}

describe('security.secret: the branch\'s history', () => {
  const text = `Summarise the order.\nUse ${token} for the API.\n`;

  it('a token the newest commit added, still in the change as it left it: left to the change\'s own diff', async () => {
    assert.deepEqual(await findings([commit('1111111aaaa', 'Checkout: a prompt', [added(PROMPT, text)])], text), []);
    // In CRLF text, or changed since, the commit's lines are read as before: the token is still in the change, and no finding comes.
    assert.deepEqual(await findings([commit('1111111aaaa', 'Checkout: a prompt', [added(PROMPT, text)])], text.replace(/\n/g, '\r\n')), []);
    assert.deepEqual(await findings([commit('1111111aaaa', 'Checkout: a prompt', [added(PROMPT, text)])], `Intro\n${text}`), []);
  });

  it('the same token in the newest commit\'s message: its files are read, and the file named it first', async () => {
    assert.deepEqual(await findings([commit('1111111aaaa', `Checkout: ${token}`, [added(PROMPT, text)])], text), []);
    // Without the file naming it, the message blocks.
    assert.deepEqual(await findings([commit('1111111aaaa', `Checkout: ${token}`, [added(PROMPT, 'No key.\n')])], 'No key.\n'), [
      `Possible GitHub token \`ghp_…(40)\` in the message of commit 1111111 "Checkout: ghp_…(40)"`,
    ]);
  });

  it('a token an older commit added and the newest removed blocks, naming the older commit', async () => {
    const commits = [commit('1111111aaaa', 'Checkout: a prompt', [added(PROMPT, text)]), commit('2222222bbbb', 'Checkout: no key', [added(PROMPT, 'Summarise the order.\n')])];
    assert.deepEqual(await findings(commits, 'Summarise the order.\n'), ['Possible GitHub token `ghp_…(40)` added in commit 1111111 "Checkout: a prompt" (line 2)']);
  });
});
