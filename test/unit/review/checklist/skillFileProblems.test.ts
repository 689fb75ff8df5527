// check-config reads the skill file for its problems without the review's
// registry (src/core/skillFile.ts): the problems must be exactly those the
// review's own reading finds.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_IDS } from '../../../../src/core/review/checkIds';
import { BUILTIN_CHECKLIST_MARKDOWN, builtInChecklist, parseSkillFile } from '../../../../src/core/review/checklist';
import { ALL_CHECK_IDS } from '../../../../src/core/review/registry';
import { skillFileProblems } from '../../../../src/core/skillFile';

const FIXTURES = join(__dirname, '../../../fixtures/review/checklist');

describe('the skill file read for its problems alone', () => {
  it('knows every check id the registry has, in its order', () => {
    assert.deepEqual(CHECK_IDS, ALL_CHECK_IDS);
  });

  it('the built-in checklist, used when a repository has no skill file, has no problems', () => {
    assert.deepEqual(builtInChecklist().problems, []);
    assert.deepEqual(skillFileProblems(BUILTIN_CHECKLIST_MARKDOWN, 'built-in'), []);
  });

  const texts: [string, string][] = [
    ...readdirSync(FIXTURES).map((name): [string, string] => [name, readFileSync(join(FIXTURES, name), 'utf8')]),
    ['unclosed front matter', '---\nname: x\n## Scope\n- [ ] Small\n'],
    ['no front matter', '## Scope\n- [ ] Small\n'],
    ['front matter not a map', '---\n- a\n- b\n---\n## Scope\n- [ ] Small\n'],
    ['front matter not YAML', '---\nname: [x\n---\n## Scope\n- [ ] Small\n'],
    ['aliases past the limit', `---\na: &a [x, x]\n${Array.from({ length: 60 }, (_, n) => `b${n}: *a`).join('\n')}\n---\n- [ ] Small\n`],
    ['no description', '---\nname: x\n---\n- [ ] Small\n'],
    ['empty', ''],
    ['unknown checks', '---\nname: x\ndescription: y\n---\n## Scope\n- [ ] Small <!-- check: zone.lockd, prompt.vars, none -->\n- not a box\n- [ ] Manual <!-- manual -->\n'],
    ['a byte-order mark and CRLF', '\ufeff---\r\nname: x\r\ndescription: y\r\n---\r\n## Security\r\n- [ ] No secrets <!-- check: security.nope -->\r\n'],
  ];
  for (const [name, text] of texts) {
    it(`finds what parseSkillFile finds: ${name}`, () => {
      assert.deepEqual(skillFileProblems(text, '.claude/skills/pm-pr-review/SKILL.md'), parseSkillFile(text).problems);
    });
  }
});
