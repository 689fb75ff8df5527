import * as assert from 'node:assert/strict';
import { handleOfNoreplyEmail, parseZonePolicy, resolveIdentity } from '../../../src/core/policy';

const ZONE = '## PM zone\n### PMs may edit\n- `**/i18n/*.json`\n### Pilot PMs\n';

function table(header: string, row: string): string {
  const columns = header.split('|').length;
  return `${ZONE}| ${header} |\n${'| --- '.repeat(columns)}|\n| ${row} |\n`;
}

interface Shape {
  name: string;
  markdown: string;
  handle: string;
  email?: string;
  folders?: string[];
  dri?: string;
}

// The ways teams write a pilot down, each read to the same person.
const SHAPES: Shape[] = [
  { name: '@handle alone', markdown: table('PM | feature folders', '@alice | `src/features/checkout/**`'), handle: '@alice', folders: ['src/features/checkout/**'] },
  {
    name: '@handle (e-mail)',
    markdown: table('PM | feature folders | engineering DRI', '@alice (alice@acme.test) | `src/features/checkout/**` | @dana'),
    handle: '@alice', email: 'alice@acme.test', folders: ['src/features/checkout/**'], dri: '@dana',
  },
  {
    name: 'Name <e-mail> (@handle)',
    markdown: table('PM | feature folders', 'Alice Smith <alice@acme.test> (@alice) | `src/features/checkout/**`'),
    handle: '@alice', email: 'alice@acme.test',
  },
  { name: '@handle, e-mail', markdown: table('PM | feature folders', '@alice, alice@acme.test | `src/x/**`'), handle: '@alice', email: 'alice@acme.test' },
  { name: 'an e-mail column', markdown: table('PM | e-mail | feature folders', '@alice | alice@acme.test | `src/x/**`'), handle: '@alice', email: 'alice@acme.test' },
  { name: 'an "Email" column', markdown: table('PM | Email | feature folders', '@alice | Alice@Acme.test | `src/x/**`'), handle: '@alice', email: 'Alice@Acme.test' },
  { name: 'a GitHub column beside a plain name', markdown: table('Name | GitHub | feature folders', 'Alice Smith | @alice | `src/x/**`'), handle: '@alice' },
  {
    name: 'a GitHub column beside a name with an e-mail',
    markdown: table('PM | GitHub | feature folders', 'Alice Smith <alice@acme.test> | alice | `src/x/**`'),
    handle: '@alice', email: 'alice@acme.test',
  },
  { name: 'a GitHub noreply address as the only name', markdown: table('PM | feature folders', '12345+alice@users.noreply.github.com | `src/x/**`'), handle: '@alice', email: '12345+alice@users.noreply.github.com' },
  { name: 'a list item with an e-mail', markdown: `${ZONE}- @alice (alice@acme.test): \`src/features/checkout/**\`, DRI @dana\n`, handle: '@alice', email: 'alice@acme.test', folders: ['src/features/checkout/**'], dri: '@dana' },
  { name: 'a list item written name first', markdown: `${ZONE}- Alice Smith <alice@acme.test> (@alice): \`src/x/**\`\n`, handle: '@alice', email: 'alice@acme.test', folders: ['src/x/**'] },
];

describe('pilot entries as teams write them', () => {
  for (const shape of SHAPES) {
    it(shape.name, () => {
      const policy = parseZonePolicy(shape.markdown);
      assert.deepEqual(policy.problems.filter((p) => p.severity === 'error'), [], 'no error');
      assert.equal(policy.problems.some((p) => p.kind === 'invalid-handle'), false, 'the handle is understood');
      assert.equal(policy.pilots.length, 1);
      const [pilot] = policy.pilots;
      assert.equal(pilot.handle, shape.handle);
      assert.equal(pilot.email, shape.email);
      if (shape.folders) assert.deepEqual(pilot.featureFolders, shape.folders);
      if (shape.dri) assert.equal(pilot.engineeringDri, shape.dri);
    });
  }

  it('reports a name with no handle on its line, and reads no pilot from it', () => {
    const policy = parseZonePolicy(table('PM | feature folders', 'Alice Smith <alice@acme.test> | `src/x/**`'));
    assert.deepEqual(policy.pilots, []);
    const problem = policy.problems.find((p) => p.kind === 'invalid-handle');
    assert.equal(problem?.line, 7);
    assert.match(problem?.message ?? '', /has no GitHub handle: write it as @handle \(for example "Alice Smith \(@handle\)"\)/);
  });

  it('maps GitHub noreply addresses to their handle, and nothing else', () => {
    assert.equal(handleOfNoreplyEmail('12345+alice@users.noreply.github.com'), '@alice');
    assert.equal(handleOfNoreplyEmail('Alice-B@USERS.NOREPLY.GITHUB.COM'), '@Alice-B');
    assert.equal(handleOfNoreplyEmail('alice@github.com'), undefined);
    assert.equal(handleOfNoreplyEmail('alice@users.noreply.github.com.evil.test'), undefined);
  });
});

describe('resolveIdentity: who the PM is, or why PM Zone cannot tell', () => {
  const policy = parseZonePolicy(
    table('PM | feature folders | engineering DRI', '@alice (alice@acme.test) | `src/features/checkout/**` | @dana').replace(
      '| @alice',
      '| @bob | `src/features/search/**` | @erin |\n| @alice',
    ),
  );

  const cases: { name: string; who: { handle?: string; email?: string }; known: boolean; handle?: string; message: RegExp }[] = [
    { name: '--as decides', who: { handle: 'ALICE' }, known: true, handle: '@alice', message: /^You are @alice \(chosen\), a pilot PM of CLAUDE\.md:4\.$/ },
    { name: "git's e-mail, any case", who: { email: 'Alice@ACME.test' }, known: true, handle: '@alice', message: /git's user\.email Alice@ACME\.test is theirs in CLAUDE\.md:4/ },
    { name: 'a noreply e-mail', who: { email: '999+bob@users.noreply.github.com' }, known: true, handle: '@bob', message: /is theirs/ },
    {
      name: '--as someone not listed',
      who: { handle: '@zed', email: 'alice@acme.test' },
      known: false,
      message: /^@zed is not a listed pilot PM \(CLAUDE\.md:4\); the pilots are @bob, @alice \(alice@acme\.test\)\. Choose who you are: --as @handle/,
    },
    { name: 'an e-mail nobody has', who: { email: 'carol@acme.test' }, known: false, message: /^Git's user\.email carol@acme\.test is not a pilot PM's in CLAUDE\.md:4; the pilots are/ },
    { name: 'no e-mail at all', who: {}, known: false, message: /^Git has no user\.email and no identity was chosen; the pilots are/ },
  ];
  for (const { name, who, known, handle, message } of cases) {
    it(name, () => {
      const identity = resolveIdentity(policy, who);
      assert.equal(identity.known, known);
      if (identity.known) assert.equal(identity.pilot.handle, handle);
      assert.match(identity.message, message);
      assert.doesNotMatch(identity.message, /cannot tell who you are/);
    });
  }

  it('says when there is no zone or no pilot table', () => {
    assert.match(resolveIdentity(parseZonePolicy('# Notes\n'), { handle: '@alice' }).message, /defines no PM zone/);
    assert.match(resolveIdentity(parseZonePolicy(ZONE), { email: 'a@b.test' }).message, /lists no pilot PMs/);
  });
});
