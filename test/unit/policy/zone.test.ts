import * as assert from 'node:assert/strict';
import { compileZonePolicy, DEFAULT_POLICY_FILES, findPilot, parseZonePolicy, resolveZone, type ZoneContext } from '../../../src/core/policy';
import { fixture, ownersTable } from './helpers';

const spec = parseZonePolicy(fixture('spec-example.md'));
const owners = ownersTable([
  { pattern: '**', owners: ['@eng-leads'], line: 1 },
  { pattern: '**/auth/**', owners: ['@security', '@dana'], line: 3 },
  { pattern: '**/payments/**', owners: [], line: 4 },
  { pattern: '.github/**', owners: [], line: 5 },
]);
const alice = findPilot(spec, { handle: '@alice' });
const context = (extra: Partial<ZoneContext> = {}): ZoneContext => ({ policy: spec, owners, policyFiles: DEFAULT_POLICY_FILES, ...extra });
const zoneOf = (path: string, extra: Partial<ZoneContext> = {}): string => resolveZone(path, context(extra)).zone;

describe('resolveZone: locked', () => {
  it('locks a file under an engineering-only glob, with the CLAUDE.md line and the CODEOWNERS line', () => {
    const answer = resolveZone('src/auth/login.ts', context());
    assert.deepEqual(answer, {
      path: 'src/auth/login.ts',
      zone: 'locked',
      reasons: [
        { source: 'CLAUDE.md', line: 12, rule: '**/auth/**', message: 'Engineering only: matches `**/auth/**`' },
        { source: '.github/CODEOWNERS', line: 3, rule: '**/auth/**', message: 'owners @security @dana' },
      ],
      owners: ['@security', '@dana'],
      ownersLine: 3,
      ownersFile: '.github/CODEOWNERS',
      unenforced: false,
      qualifiers: [],
    });
  });

  it('lets deny win over allow: an auth file matching a may-edit glob is locked, and only deny globs are its reasons', () => {
    const policy = parseZonePolicy('## PM zone\n### PMs may edit\n- `**`\n- `**/*.ts`\n- `src/auth/**`\n### Engineering only\n- `**/auth/**`\n- `**/login.ts`\n');
    const answer = resolveZone('src/auth/login.ts', { policy, owners, policyFiles: [] });
    assert.equal(answer.zone, 'locked');
    assert.deepEqual(answer.reasons.filter((r) => r.source === 'CLAUDE.md').map((r) => [r.rule, r.line]), [['**/auth/**', 7], ['**/login.ts', 8]]);
    assert.deepEqual(answer.qualifiers, []);
  });

  it('locks auth files written in every way a path can arrive', () => {
    const paths = [
      'auth/x.ts',
      'src/auth/x.ts',
      'a/b/c/auth/d/e/f.tsx',
      'src/auth/i18n/en.json',
      'src/auth/README.md',
      'src/features/checkout/auth/components/Login.tsx',
      './src/auth/x.ts',
      '/src/auth/x.ts',
      'src//auth/x.ts',
      'src\\auth\\x.ts',
      'src/features/../auth/x.ts',
      'src/./auth/x.ts',
      'src/auth/',
      'src/.hidden/auth/x.ts',
      'src/auth/.env',
      'src/Auth/Login.tsx',
      'SRC/AUTH/X.TS',
      'src/auth/my file.json',
      'src/auth/données.json',
      '-rf/auth/x.md',
      'src/auth/-x.md',
    ];
    for (const path of paths) {
      assert.equal(zoneOf(path), 'locked', path);
      assert.equal(zoneOf(path, { author: alice }), 'locked', `${path} as @alice`);
    }
  });

  it('answers a directory given with a trailing slash for the files directly inside it', () => {
    const policy = parseZonePolicy('## PM zone\n### PMs may edit\n- `src/**`\n### Engineering only\n- `**/auth/**`\n');
    const ctx = { policy, owners, policyFiles: [] };
    assert.deepEqual([resolveZone('src/auth/', ctx).zone, resolveZone('src/auth/', ctx).path], ['locked', 'src/auth/']);
    assert.equal(resolveZone('src\\auth\\', ctx).zone, 'locked');
    assert.equal(resolveZone('src/features/', ctx).zone, 'editable');
    assert.equal(resolveZone('src/auth', ctx).zone, 'editable', 'without the slash it is a file named auth, which `**/auth/**` does not cover');
  });

  it('says when a glob matched only with letter case ignored', () => {
    const answer = resolveZone('src/Auth/Login.tsx', context());
    assert.equal(answer.reasons[0].message, 'Engineering only: matches `**/auth/**` when letter case is ignored; locked to be safe');
    assert.equal(answer.unenforced, false, 'the catch-all `**` rule owns it');
    // CODEOWNERS matches case-sensitively: with only `**/auth/**` there, nothing protects src/Auth/.
    const authOnly = ownersTable([{ pattern: '**/auth/**', owners: ['@security'], line: 1 }]);
    assert.equal(resolveZone('src/Auth/Login.tsx', context({ owners: authOnly })).unenforced, true);
  });

  it('does not lock names that only resemble a locked folder', () => {
    for (const path of ['src/author/x.md', 'src/oauth.md', 'auth.md', 'src/authentication/x.md', 'src/payments.md']) {
      assert.notEqual(zoneOf(path), 'locked', path);
    }
  });

  it('lists every matching engineering-only glob', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `**/auth/**`\n- `src/**`\n- `**/*.ts`\n- `docs/**`\n');
    const answer = resolveZone('src/auth/x.ts', { policy, policyFiles: [] });
    assert.deepEqual(answer.reasons.map((r) => r.rule), ['**/auth/**', 'src/**', '**/*.ts']);
  });

  it('locks policy files, even where a may-edit glob matches them', () => {
    for (const path of DEFAULT_POLICY_FILES) {
      const answer = resolveZone(path, context({ author: alice }));
      assert.equal(answer.zone, 'locked', path);
      assert.deepEqual(answer.reasons[0], { source: 'built-in', line: null, rule: path, message: 'Policy files are not edited by those they bind' });
      assert.equal(answer.unenforced, false);
    }
    const mdEditable = parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*.md`\n');
    assert.equal(resolveZone('CLAUDE.md', { policy: mdEditable, policyFiles: DEFAULT_POLICY_FILES }).zone, 'locked');
    assert.equal(resolveZone('claude.md', { policy: mdEditable, policyFiles: DEFAULT_POLICY_FILES }).zone, 'locked');
    assert.equal(resolveZone('docs/CLAUDE.md', { policy: mdEditable, policyFiles: DEFAULT_POLICY_FILES }).zone, 'locked');
  });

  it('locks every file a coding agent follows as instructions or hooks, in any folder and any letter case', () => {
    const mdAndJsonEditable = parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*.md`\n- `**/*.json`\n- `**/*.mdc`\n- `**/.cursorrules`\n');
    const paths = [
      'src/CLAUDE.md', 'CLAUDE.local.md', 'src/features/checkout/CLAUDE.local.md', 'AGENTS.md', 'src/features/checkout/AGENTS.md',
      'GEMINI.md', 'docs/GEMINI.md', '.github/copilot-instructions.md', '.github/instructions/react.instructions.md',
      '.github/instructions/web/forms.instructions.md', '.github/hooks/extra.json', '.cursor/rules/style.mdc',
      'src/.cursor/rules/deep/style.mdc', '.cursorrules', 'src/agents.md',
      '.claude/agents/reviewer.md', '.claude/commands/ship.md', '.claude/skills/notes/SKILL.md', '.github/prompts/release.prompt.md',
      '.github/chatmodes/plan.chatmode.md', '.github/agents/docs.agent.md', '.mcp.json', '.vscode/mcp.json', '.cursor/mcp.json',
      '.github/skills/release/SKILL.md', '.agents/skills/hotfix/SKILL.md', '.cursor/commands/ship.md', '.gemini/commands/deploy.toml',
    ];
    for (const path of paths) {
      const answer = resolveZone(path, { policy: mdAndJsonEditable, policyFiles: DEFAULT_POLICY_FILES, author: alice });
      assert.equal(answer.zone, 'locked', path);
      assert.match(answer.reasons[0].message, /^A policy file \(a coding agent follows it as instructions or hooks: `[^`]+`\): policy files are not edited by those they bind$/, path);
    }
    for (const path of ['docs/agents-guide.md', '.github/instructions/notes.md', '.github/hooks/README.md', 'docs/CLAUDE-notes.md', 'docs/skills/writing.md']) {
      assert.equal(resolveZone(path, { policy: mdAndJsonEditable, policyFiles: DEFAULT_POLICY_FILES, author: alice }).zone, 'editable', path);
    }
  });

  it("locks every agent's settings, hooks, MCP servers and environment in any folder, and the files that run code later", () => {
    const everythingEditable = parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*`\n');
    const settings = [
      'src/features/checkout/.claude/settings.json', 'src/features/checkout/.claude/settings.local.json', 'apps/web/.claude/hooks/end.sh',
      '.gemini/extensions/x/gemini-extension.json', 'src/features/checkout/.gemini/settings.json', 'packages/ui/.mcp.json', 'src/.cursor/hooks.json',
      'src/features/checkout/.github/copilot/settings.json', '.env', '.env.local', 'apps/web/.env.production.local', 'apps/web/.env.example', '.envrc',
      '.vscode/settings.json', 'packages/ui/.vscode/tasks.json', '.vscode/launch.json',
    ];
    const runsCode = [
      'package.json', 'packages/ui/package.json', 'package-lock.json', 'yarn.lock', 'apps/web/pnpm-lock.yaml', 'pnpm-workspace.yaml', 'bun.lockb', 'bun.lock',
      '.npmrc', 'packages/ui/.npmrc', '.yarnrc.yml', '.yarn/releases/yarn-4.1.0.cjs', '.yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs', '.pnpmfile.cjs',
      'bunfig.toml', '.husky/pre-commit', '.husky/_/husky.sh', 'lefthook.yml', '.lefthook/pre-commit/review.sh', '.pre-commit-config.yaml',
      '.simple-git-hooks.json', '.simple-git-hooks', '.changeset/config.json',
      '.yarn/patches/istanbul-lib-coverage-npm-3.2.2-5c0526e059.patch', 'patches/y-prosemirror+1.3.7.patch', 'web/patches/@bufbuild__protobuf@2.12.0.patch',
      'backend/composer.json', 'backend/composer.lock', 'Gemfile', 'Gemfile.lock', 'go.mod', 'go.sum', 'go.work', 'pyproject.toml', 'setup.py', 'setup.cfg',
      'requirements.txt', 'tools/worker/requirements-dev.txt', 'requirements/base.txt', 'Pipfile', 'Pipfile.lock', 'uv.lock', 'poetry.lock',
      'apps/desktop/src-tauri/Cargo.toml', 'apps/desktop/src-tauri/Cargo.lock',
    ];
    for (const [paths, why] of [[settings, /settings, hooks, MCP servers or environment/], [runsCode, /runs code later, or switches the hooks and checks off/]] as const) {
      for (const path of paths) {
        const answer = resolveZone(path, { policy: everythingEditable, policyFiles: DEFAULT_POLICY_FILES, author: alice });
        assert.equal(answer.zone, 'locked', path);
        assert.match(answer.reasons[0].message, why, path);
      }
    }
    for (const path of ['src/features/checkout/i18n/en.json', 'docs/environment.md', 'src/env.ts', 'src/features/checkout/package-notes.md', '.changeset/brave-cats.md', '.vscode/extensions.json', 'packages/cli/src/patches/is-in-ci.ts', 'docs/requirements.md', 'src/gemfile.ts']) {
      assert.equal(resolveZone(path, { policy: everythingEditable, policyFiles: DEFAULT_POLICY_FILES, author: alice }).zone, 'editable', path);
    }
  });

  it('judges a path by the file Windows reads it as too: trailing dots and spaces and NTFS streams reach the locked file', () => {
    for (const path of ['src/auth./notes.md', 'src/auth /notes.md', 'src/auth::$INDEX_ALLOCATION/notes.md', 'src/auth:$I30:$INDEX_ALLOCATION/notes.md', 'src/auth. . /x.ts', 'src\\auth.\\x.ts', 'CLAUDE.md::$DATA', 'CLAUDE.md.', '.github/CODEOWNERS ', 'src/auth./']) {
      const answer = resolveZone(path, context({ author: alice }));
      assert.equal(answer.zone, 'locked', path);
      assert.match(answer.reasons.find((reason) => reason.rule === 'windows-alias')?.message ?? '', /^On Windows this path is /, path);
    }
    const answer = resolveZone('src/auth./notes.md', context());
    assert.equal(answer.path, 'src/auth./notes.md');
    assert.equal(answer.reasons[0].rule, '**/auth/**');
    assert.equal(zoneOf('src/features/checkout/i18n/en.json.', { author: alice }), 'outside', 'the stricter of the two: as written it is in no PM glob');
  });

  it('gives a file named `:` one zone however its path is spelled (a stream of the top folder names no other file)', () => {
    const policy = parseZonePolicy('## PM zone\n### PMs may edit\n- `*`\n');
    for (const path of [':', './:', '/:', 'a/../:', '.\\:']) assert.equal(resolveZone(path, { policy, policyFiles: [] }).zone, 'editable', path);
  });

  it("always counts the policy's own file as a policy file", () => {
    const policy = parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*.md`\n', 'docs/AGENTS.md');
    assert.equal(resolveZone('docs/AGENTS.md', { policy, policyFiles: [] }).zone, 'locked');
  });

  it('adds the engineering-only reasons to a policy file that is also under a locked glob', () => {
    const policy = parseZonePolicy('## PM zone\n### Engineering only\n- `.github/**`\n');
    const answer = resolveZone('.github/CODEOWNERS', { policy, owners, policyFiles: DEFAULT_POLICY_FILES });
    assert.deepEqual(answer.reasons.map((r) => r.source), ['built-in', 'CLAUDE.md', '.github/CODEOWNERS']);
    assert.equal(answer.unenforced, true);
  });
});

describe('resolveZone: unenforced', () => {
  it('is unenforced when a locked file has a CODEOWNERS rule with no owners', () => {
    const answer = resolveZone('src/payments/charge.ts', context());
    assert.deepEqual([answer.zone, answer.unenforced, answer.owners, answer.ownersLine], ['locked', true, [], 4]);
    assert.deepEqual(answer.reasons[1], { source: '.github/CODEOWNERS', line: 4, rule: '**/payments/**', message: 'no owners: this rule leaves the file unowned' });
  });

  it('is unenforced when no CODEOWNERS rule matches, or there is no CODEOWNERS', () => {
    const sparse = ownersTable([{ pattern: 'src/auth/**', owners: ['@security'], line: 1 }]);
    assert.equal(resolveZone('lib/auth/x.ts', context({ owners: sparse })).unenforced, true);
    assert.equal(resolveZone('src/auth/x.ts', context({ owners: sparse })).unenforced, false);
    const none = resolveZone('src/auth/x.ts', context({ owners: undefined }));
    assert.deepEqual([none.zone, none.unenforced, none.owners, none.ownersLine, none.ownersFile], ['locked', true, [], null, null]);
    assert.equal(none.reasons.length, 1);
  });

  it('is never set on editable or outside files', () => {
    const noOwners = ownersTable([]);
    assert.equal(resolveZone('src/i18n/en.json', context({ owners: noOwners })).unenforced, false);
    assert.equal(resolveZone('src/server/db.ts', context({ owners: noOwners })).unenforced, false);
  });
});

describe('resolveZone: editable', () => {
  it('makes a may-edit file editable, with its qualifiers and owners', () => {
    const answer = resolveZone('src/features/checkout/analytics/events.ts', context());
    assert.deepEqual(answer, {
      path: 'src/features/checkout/analytics/events.ts',
      zone: 'editable',
      reasons: [
        { source: 'CLAUDE.md', line: 8, rule: '**/analytics/events.ts', message: 'PM-editable: matches `**/analytics/events.ts` (additions only)' },
        { source: '.github/CODEOWNERS', line: 1, rule: '**', message: 'owners @eng-leads' },
      ],
      owners: ['@eng-leads'],
      ownersLine: 1,
      ownersFile: '.github/CODEOWNERS',
      unenforced: false,
      qualifiers: ['additions-only'],
    });
    assert.deepEqual(resolveZone('config/flags.yaml', context()).qualifiers, ['owned-flags-only']);
  });

  it('applies an own-feature-folder glob inside the author’s folder', () => {
    const answer = resolveZone('src/features/checkout/components/Button.tsx', context({ author: alice }));
    assert.equal(answer.zone, 'editable');
    assert.deepEqual(answer.qualifiers, ['own-feature-folder', 'non-breaking']);
    assert.equal(answer.reasons[0].message, 'PM-editable: matches `**/components/*.tsx` (inside your feature folders (src/features/checkout/**); non-breaking changes only)');
  });

  it('puts an own-feature-folder file outside another PM’s folder', () => {
    const answer = resolveZone('src/features/search/components/Button.tsx', context({ author: alice }));
    assert.equal(answer.zone, 'outside');
    assert.deepEqual(answer.reasons.slice(0, 2), [
      {
        source: 'CLAUDE.md',
        line: 9,
        rule: '**/components/*.tsx',
        message: '`**/components/*.tsx` is PM-editable only inside your own feature folders, and this file is not in them (your feature folders are src/features/checkout/**)',
      },
      { source: 'built-in', line: null, rule: 'not-in-zone', message: 'Not in the PM zone: needs an engineering co-author' },
    ]);
    assert.deepEqual(answer.qualifiers, []);
  });

  describe('fails closed when the author is unknown', () => {
    const twoPilots = parseZonePolicy(
      [
        '## PM zone',
        '### PMs may edit',
        '- `**/components/*.tsx` (inside own feature folder, non-breaking)',
        '- `**/i18n/*.json`',
        '### Pilot PMs',
        '| PM | feature folders |',
        '| --- | --- |',
        '| @alice | `src/features/checkout/**` |',
        '| @bob | `src/features/search/**`, `src/features/browse/**` |',
        '',
      ].join('\n'),
    );
    const unknown = (path: string) => resolveZone(path, { policy: twoPilots, policyFiles: [] });
    const cases: { path: string; zone: string; message: RegExp }[] = [
      {
        path: 'src/features/checkout/components/Pay.tsx',
        zone: 'editable',
        message: /^PM-editable: matches `\*\*\/components\/\*\.tsx` \(only for @alice, in @alice's feature folder src\/features\/checkout\/\*\*; non-breaking changes only\)$/,
      },
      { path: 'src/features/browse/components/List.tsx', zone: 'editable', message: /only for @bob, in @bob's feature folders src\/features\/search\/\*\*, src\/features\/browse\/\*\*/ },
      { path: 'src/other/components/X.tsx', zone: 'outside', message: /PM-editable only inside a pilot PM's own feature folders, and this file is in no pilot's folder/ },
      { path: 'components/Root.tsx', zone: 'outside', message: /in no pilot's folder/ },
      // A glob without the qualifier is not narrowed.
      { path: 'src/other/i18n/en.json', zone: 'editable', message: /^PM-editable: matches `\*\*\/i18n\/\*\.json`$/ },
    ];
    for (const { path, zone, message } of cases) {
      it(`${path}: ${zone}`, () => {
        const answer = unknown(path);
        assert.equal(answer.zone, zone);
        assert.match(answer.reasons[0].message, message);
      });
    }

    it('never makes a file editable under such a glob when no pilot is listed', () => {
      const noPilots = parseZonePolicy('## PM zone\n### PMs may edit\n- `**/components/*.tsx` (inside own feature folder)\n');
      assert.equal(resolveZone('src/features/checkout/components/A.tsx', { policy: noPilots, policyFiles: [] }).zone, 'outside');
    });
  });

  describe("a pilot's planning doc", () => {
    // The may-edit globs name only component files: the planning doc is still the pilot's to write.
    const policy = parseZonePolicy(
      [
        '## PM zone',
        '### PMs may edit',
        '- `**/components/*.tsx` (inside own feature folder)',
        '### Engineering only',
        '- `**/auth/**`',
        '### Pilot PMs',
        '| PM | feature folders |',
        '| --- | --- |',
        '| @alice | `src/features/checkout/**` |',
        '| @bob | `src/features/search/**`, `src/features/auth/**` |',
        '',
      ].join('\n'),
    );
    const ask = (path: string, handle?: string) => resolveZone(path, { policy, policyFiles: [], author: handle ? findPilot(policy, { handle }) : undefined });

    it("is editable for its pilot, in the pilot's folder or below", () => {
      for (const path of ['src/features/checkout/PLANNING.md', 'src/features/checkout/banner/PLANNING.md']) {
        const answer = ask(path, '@alice');
        assert.equal(answer.zone, 'editable', path);
        assert.equal(answer.reasons[0].message, 'PM-editable: a planning doc of a feature (inside your feature folders (src/features/checkout/**))');
      }
    });

    it("is not another pilot's to edit, nor editable outside every feature folder", () => {
      assert.equal(ask('src/features/search/PLANNING.md', '@alice').zone, 'outside');
      assert.equal(ask('src/PLANNING.md', '@alice').zone, 'outside');
      assert.equal(ask('PLANNING.md', '@alice').zone, 'outside');
      assert.equal(ask('src/features/checkout/PLANNING.md.bak', '@alice').zone, 'outside');
      assert.equal(ask('src/features/checkout/planning.md', '@alice').zone, 'outside');
    });

    it('names whose it is when the author is unknown, and fails closed outside every folder', () => {
      const answer = ask('src/features/search/PLANNING.md');
      assert.equal(answer.zone, 'editable');
      assert.match(answer.reasons[0].message, /only for @bob, in @bob's feature folders/);
      assert.equal(ask('src/other/PLANNING.md').zone, 'outside');
    });

    it('stays locked where an engineering-only glob says so', () => {
      assert.equal(ask('src/features/auth/PLANNING.md', '@bob').zone, 'locked');
    });
  });

  it('leaves globs without the qualifier editable anywhere for a known author', () => {
    assert.equal(zoneOf('src/features/search/i18n/en.json', { author: alice }), 'editable');
  });

  it("uses the author's own folders, even for an author the policy does not list", () => {
    const visitor = { handle: '@alice', featureFolders: ['src/features/search/**'], line: 1 };
    assert.equal(zoneOf('src/features/search/components/A.tsx', { author: visitor }), 'editable');
    assert.equal(zoneOf('src/features/checkout/components/A.tsx', { author: visitor }), 'outside');
  });

  it('puts everything own-feature-folder outside for a pilot without folders', () => {
    const policy = parseZonePolicy('## PM zone\n### PMs may edit\n- `**/components/*.tsx` (inside own feature folder)\n### Pilot PMs\n| PM | feature folders |\n| - | - |\n| @bob | |\n');
    const bob = findPilot(policy, { handle: 'bob' });
    const answer = resolveZone('src/x/components/A.tsx', { policy, author: bob, policyFiles: [] });
    assert.equal(answer.zone, 'outside');
    assert.match(answer.reasons[0].message, /no feature folders are listed for @bob/);
  });

  it('reads a feature folder written without `/**` as the folder and what is inside it', () => {
    for (const folder of ['src/features/checkout', 'src/features/checkout/', '`src/features/checkout/**`', './src/features/checkout']) {
      const policy = parseZonePolicy(`## PM zone\n### PMs may edit\n- \`**/*.tsx\` (inside own feature folder)\n### Pilot PMs\n- @alice: ${folder.startsWith('`') ? folder : '`' + folder + '`'}\n`);
      const author = findPilot(policy, { handle: 'alice' });
      assert.equal(resolveZone('src/features/checkout/A.tsx', { policy, author, policyFiles: [] }).zone, 'editable', folder);
      assert.equal(resolveZone('src/features/checkout-v2/A.tsx', { policy, author, policyFiles: [] }).zone, 'outside', folder);
    }
  });

  it('handles paths with spaces, unicode (NFC or NFD) and a leading dash', () => {
    const policy = parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*.md`\n- `docs/café/**`\n### Engineering only\n- `**/données/**`\n');
    const ctx = { policy, policyFiles: [] };
    assert.equal(resolveZone('docs/my notes.md', ctx).zone, 'editable');
    assert.equal(resolveZone('-draft.md', ctx).zone, 'editable');
    assert.equal(resolveZone('docs/-/x.md', ctx).zone, 'editable');
    assert.equal(resolveZone('docs/cafe\u0301/x.txt', ctx).zone, 'editable');
    assert.equal(resolveZone('src/donne\u0301es/x.md', ctx).zone, 'locked');
    assert.equal(resolveZone('src/données/x.md', ctx).zone, 'locked');
  });

  it('matches dotfiles like any file', () => {
    const policy = parseZonePolicy('## PM zone\n### PMs may edit\n- `**/*.md`\n### Engineering only\n- `.github/workflows/**`\n');
    assert.equal(resolveZone('.changeset/x.md', { policy, policyFiles: [] }).zone, 'editable');
    assert.equal(resolveZone('.github/workflows/ci.yml', { policy, policyFiles: [] }).zone, 'locked');
  });
});

describe('resolveZone: outside', () => {
  it('puts a file no glob names outside the zone', () => {
    const answer = resolveZone('src/server/db.ts', context());
    assert.equal(answer.zone, 'outside');
    assert.deepEqual(answer.reasons[0], { source: 'built-in', line: null, rule: 'not-in-zone', message: 'Not in the PM zone: needs an engineering co-author' });
    assert.equal(answer.reasons.length, 2);
  });

  it('puts every file but the policy files outside when no zone is defined', () => {
    const policy = parseZonePolicy('# Nothing here\n');
    const answer = resolveZone('README.md', { policy, policyFiles: DEFAULT_POLICY_FILES });
    assert.deepEqual([answer.zone, answer.reasons[0].message], ['outside', 'No PM zone is defined in CLAUDE.md: needs an engineering co-author']);
    assert.equal(resolveZone('CLAUDE.md', { policy, policyFiles: DEFAULT_POLICY_FILES }).zone, 'locked');
  });

  it('puts paths that leave the repository outside, without asking CODEOWNERS', () => {
    const asked = ownersTable([]);
    for (const path of ['../x.md', 'a/../../x.md', '', '.', '..']) {
      const answer = resolveZone(path, context({ owners: asked }));
      assert.equal(answer.zone, 'outside', path);
      assert.equal(answer.reasons[0].rule, 'not-in-repository');
    }
    assert.deepEqual(asked.asked, []);
  });

  it('asks CODEOWNERS with the normalised path', () => {
    const asked = ownersTable([]);
    resolveZone('./src\\x//y.ts', context({ owners: asked }));
    assert.deepEqual(asked.asked, ['src/x/y.ts']);
  });
});

describe('compileZonePolicy', () => {
  it('compiles a policy once', () => {
    assert.equal(compileZonePolicy(spec), compileZonePolicy(spec));
    assert.notEqual(compileZonePolicy(spec), compileZonePolicy(parseZonePolicy(fixture('spec-example.md'))));
  });

  it('resolves a thousand paths alike (the time: bench/limits.bench.ts)', () => {
    const zones = new Set<string>();
    for (let i = 0; i < 1000; i++) zones.add(resolveZone(`src/features/f${i}/components/C${i}.tsx`, context({ author: alice })).zone);
    assert.deepEqual([...zones], ['outside']);
  });
});
