import * as assert from 'node:assert/strict';
import type { CommitInfo, Trailer } from '../../../src/core/review/model';
import { aiFiles, detectAiAssistance, toolOf } from '../../../src/core/review/aiTrailers';
import { aiDisclosureCheck, hasAiDisclosure } from '../../../src/core/review/checks/aiDisclosure';
import { readAiStatement } from '../../../src/core/review/aiStatement';
import { added, makeContext, modified } from './security/context';

function commit(sha: string, trailers: string[], files: string[] = [], body = ''): CommitInfo {
  return {
    sha,
    subject: `commit ${sha}`,
    body,
    trailers: trailers.map((line): Trailer => ({ key: line.slice(0, line.indexOf(':')), value: line.slice(line.indexOf(':') + 1).trim() })),
    files,
  };
}

const tool = (line: string): string | undefined => toolOf({ key: line.slice(0, line.indexOf(':')), value: line.slice(line.indexOf(':') + 1).trim() });

describe('AI assistance', () => {
  describe('toolOf: the tool a trailer names', () => {
    const cases: [string, string][] = [
      ['Co-authored-by: Claude <noreply@anthropic.com>', 'Claude'],
      ['Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>', 'Claude'],
      ['co-authored-by: claude', 'Claude'],
      ['Co-authored-by: Someone <someone@anthropic.com>', 'Claude'],
      ['Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>', 'Copilot'],
      ['Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>', 'Copilot'],
      ['Co-authored-by: GitHub Copilot', 'Copilot'],
      ['Co-authored-by: Cursor Agent <cursoragent@cursor.com>', 'Cursor'],
      ['Co-authored-by: Cursor <cursor@cursor.sh>', 'Cursor'],
      ['Co-authored-by: Codex <codex@openai.com>', 'Codex'],
      ['CO-AUTHORED-BY: CODEX', 'Codex'],
      ['Generated-by: Claude Code', 'Claude'],
      ['Assisted-by: GitHub Copilot', 'Copilot'],
      ['Assisted-by: Claude:claude-3-opus', 'Claude'],
      ['Generated-by: Gemini CLI', 'Gemini'],
      ['Assisted-by: Tabnine', 'Tabnine'],
      ['Generated-by: <bot@example.com>', 'bot@example.com'],
    ];
    for (const [line, expected] of cases) it(`${line} → ${expected}`, () => assert.equal(tool(line), expected));

    const people = [
      'Co-authored-by: Claude Monet <claude@monet.fr>',
      'Co-authored-by: Dana Engineer <dana@acme.com>',
      'Co-authored-by: Mary Cursorelli <mary@acme.com>',
      'Signed-off-by: Claude <noreply@anthropic.com>',
      'Reviewed-by: Copilot',
    ];
    for (const line of people) it(`${line} → no tool`, () => assert.equal(tool(line), undefined));
  });

  describe('detectAiAssistance', () => {
    it('lists each commit and tool once, with the trailer as written and the files', () => {
      const commits = [
        commit('a1', ['Co-authored-by: Claude <noreply@anthropic.com>', 'Co-Authored-By: Claude Sonnet 4 <noreply@anthropic.com>'], ['src/i18n/en.json']),
        commit('b2', ['Co-authored-by: Dana <dana@acme.com>'], ['docs/x.md']),
        commit('c3', ['Co-authored-by: Copilot <1+Copilot@users.noreply.github.com>', 'Generated-by: Cursor'], ['a.ts', 'b.ts']),
      ];
      assert.deepEqual(detectAiAssistance(commits), [
        { tool: 'Claude', commit: 'a1', trailer: 'Co-authored-by: Claude <noreply@anthropic.com>', files: ['src/i18n/en.json'] },
        { tool: 'Copilot', commit: 'c3', trailer: 'Co-authored-by: Copilot <1+Copilot@users.noreply.github.com>', files: ['a.ts', 'b.ts'] },
        { tool: 'Cursor', commit: 'c3', trailer: 'Generated-by: Cursor', files: ['a.ts', 'b.ts'] },
      ]);
    });

    it('also reads trailer lines left in the body of a commit parsed without trailers', () => {
      const body = 'Update copy\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n';
      assert.deepEqual(detectAiAssistance([commit('d4', [], ['x.md'], body)]).map((e) => [e.tool, e.trailer]), [
        ['Claude', 'Co-Authored-By: Claude <noreply@anthropic.com>'],
      ]);
    });

    it('finds nothing without commits or AI trailers', () => {
      assert.deepEqual(detectAiAssistance([]), []);
      assert.deepEqual(detectAiAssistance([commit('e5', ['Signed-off-by: Alice <alice@acme.com>'], ['x'])]), []);
    });
  });

  it('aiFiles: sorted unique paths of AI-assisted commits only', () => {
    const commits = [
      commit('a', ['Co-authored-by: Claude <noreply@anthropic.com>'], ['src/b.ts', 'src/a.ts']),
      commit('b', [], ['src/z.ts']),
      commit('c', ['Assisted-by: Codex'], ['src/a.ts', 'docs/c.md']),
    ];
    assert.deepEqual(aiFiles(commits), ['docs/c.md', 'src/a.ts', 'src/b.ts']);
    assert.deepEqual(aiFiles([]), []);
  });

  describe('readAiStatement', () => {
    const cases: [string, string][] = [
      ['None. I wrote the new copy myself.', 'not-used'],
      ['None', 'not-used'],
      ['_None_', 'not-used'],
      ['N/A', 'not-used'],
      ['- No AI assistance was used.', 'not-used'],
      ['No AI was used for this change.', 'not-used'],
      ['I did not use AI.', 'not-used'],
      ["I didn't use Copilot or Claude for this one.", 'not-used'],
      ['AI was not used.', 'not-used'],
      ['Written without AI.', 'not-used'],
      ['Not used.', 'not-used'],
      ['I wrote every word by hand.', 'not-used'],
      ['- [x] No AI tools were used', 'not-used'],
      ['Claude drafted the three error messages; I rewrote the second and checked each against the style guide.', 'used'],
      ['- [x] Copy generated with Copilot, reviewed line by line', 'used'],
      ['Cursor wrote the component test.', 'used'],
      ['AI-generated: the German translation (ChatGPT), checked by a native speaker.', 'used'],
      ['Claude suggested three options; I picked one and rewrote it myself.', 'used'],
      ['No AI for the code, but Claude suggested the wording.', 'unclear'],
      ['Reviewed with legal on Tuesday.', 'unclear'],
      ['', 'unwritten'],
      ['<!-- Say what was AI-generated. Write "None" if nothing was. -->', 'unwritten'],
      ['{{aiAssistance}}', 'unwritten'],
      ['TODO', 'unwritten'],
      ['- [ ] Code written with AI assistance\n- [ ] Copy written with AI assistance', 'unwritten'],
    ];
    for (const [text, meaning] of cases) {
      it(`${JSON.stringify(text)}: ${meaning}`, () => assert.equal(readAiStatement(text), meaning));
    }
  });

  describe('hasAiDisclosure', () => {
    const doc = (section: string, heading = '## AI assistance'): string => `# Planning\n\n## Intent\nBetter copy.\n\n${heading}\n${section}\n\n## Rollback\nTurn off the flag.\n`;

    it('is true for a written section, whatever the heading says about AI', () => {
      assert.equal(hasAiDisclosure(doc('Claude drafted the three error messages; I rewrote the second and checked each against the style guide.')), true);
      assert.equal(hasAiDisclosure(doc('- [x] Copy generated with Copilot, reviewed line by line', '### Use of AI')), true);
      assert.equal(hasAiDisclosure(doc('Cursor wrote the component test.', 'AI-generated code\n---')), true);
    });

    it('is false for the template: empty, guidance comments, placeholders, TODO, prompts, unchecked boxes', () => {
      const template = [
        '',
        '<!-- Say what was AI-generated (code, copy, prompts) and with which tool. Write "None" if nothing was. -->',
        '{{aiAssistance}}',
        'TODO',
        'Describe what the AI wrote.',
        '- [ ] Code written with AI assistance\n- [ ] Copy written with AI assistance',
      ];
      for (const section of template) assert.equal(hasAiDisclosure(doc(section)), false, JSON.stringify(section));
    });

    it('is false for a bare "None": it discloses nothing', () => {
      for (const none of ['None', 'none.', 'N/A', '_None_', '- No AI assistance was used.']) assert.equal(hasAiDisclosure(doc(none)), false, none);
    });

    it('is false without a planning doc or an AI section, and ignores headings in code blocks', () => {
      assert.equal(hasAiDisclosure(undefined), false);
      assert.equal(hasAiDisclosure(''), false);
      assert.equal(hasAiDisclosure('# Planning\n\n## Intent\nUsed AI heavily.\n'), false);
      assert.equal(hasAiDisclosure('# Planning\n\n```md\n## AI assistance\nClaude wrote it.\n```\n'), false);
    });

    it('stops the section at the next heading of its level, not at a subheading', () => {
      assert.equal(hasAiDisclosure('## AI assistance\n### Details\nClaude wrote the copy.\n## Next\nx\n'), true);
      assert.equal(hasAiDisclosure('## AI assistance\n## Next\nClaude wrote the copy.\n'), false);
    });

    it('reads CRLF and a byte-order mark', () => {
      assert.equal(hasAiDisclosure('\uFEFF## AI assistance\r\nClaude wrote the copy.\r\n'), true);
    });
  });

  describe('ai.undisclosed', () => {
    const assisted = [commit('1a2b3c4d5e', ['Co-authored-by: Claude <noreply@anthropic.com>'], ['src/i18n/en.json'])];
    const filled = '## AI assistance\nClaude drafted the copy; I reviewed every string.\n';
    const empty = '# Planning\n\n## AI assistance\n<!-- Say what was AI-generated -->\n';

    it('says nothing when no commit carries AI trailers', async () => {
      assert.deepEqual(await aiDisclosureCheck.run(makeContext([added('src/i18n/en.json', '{}')], { commits: [commit('x', [])] })), []);
    });

    it('says nothing when the changed planning doc discloses it', async () => {
      const ctx = makeContext([added('PLANNING.md', filled), added('src/i18n/en.json', '{}')], { commits: assisted });
      assert.deepEqual(await aiDisclosureCheck.run(ctx), []);
    });

    it('says nothing when an existing planning doc above the changed files discloses it', async () => {
      const ctx = makeContext([added('src/features/checkout/i18n/en.json', '{}')], { commits: assisted, existing: { 'src/features/checkout/PLANNING.md': filled } });
      assert.deepEqual(await aiDisclosureCheck.run(ctx), []);
    });

    it('points at the empty AI section of the planning doc', async () => {
      const ctx = makeContext([modified('PLANNING.md', '# Planning\n', empty)], { commits: assisted });
      assert.deepEqual(await aiDisclosureCheck.run(ctx), [
        {
          check: 'ai.undisclosed',
          severity: 'info',
          blocking: false,
          file: 'PLANNING.md',
          line: 3,
          message:
            'Commits carry AI co-author trailers (Claude in 1a2b3c4) but PLANNING.md has no filled-in "AI assistance" section — say what the AI wrote and what you checked, so the pull request labels it honestly.',
        },
      ]);
    });

    it('reports a change-wide finding when there is no planning doc, naming every tool', async () => {
      const commits = [...assisted, commit('9f8e7d6c5b', ['Co-authored-by: Cursor Agent <cursoragent@cursor.com>'], ['a.ts'])];
      const [finding] = await aiDisclosureCheck.run(makeContext([added('src/a.ts', 'x')], { commits }));
      assert.equal(finding?.file, null);
      assert.equal(finding?.line, null);
      assert.match(finding?.message ?? '', /\(Claude in 1a2b3c4; Cursor in 9f8e7d6\) but the change has no PLANNING\.md/);
    });

    it('declares its id', () => assert.deepEqual(aiDisclosureCheck.ids, ['ai.undisclosed']));
  });
});
