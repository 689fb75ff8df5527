import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../helpers/tempRepo';
import { isolateGitConfig } from '../cli/support/cli';
import { git, sampleWorktree } from '../cli/support/sampleRepo';
import { runGuard } from '../../../src/core/agents';
import { judgingDeadline, JUDGING_DEADLINE_CAP_MS, JUDGING_DEADLINE_MS, outOfTimeReason } from '../../../src/core/agents/guard';
import { parsePolicySources } from '../../../src/core/repository';
import { answerOf, guardIn, inRepo, silent, type GuardCall } from './support';

// The guard must hold against the agent it guards: what the agent can change
// in the working tree (the policy, the cache, who git says the user is) must
// not open a locked file to it.

type Decision = { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } };

describe('the guard against the agent it guards', () => {
  isolateGitConfig();
  let root: string;
  let guard: GuardCall;
  const bash = (command: string) => ({ hook_event_name: 'PreToolUse', cwd: root, session_id: 's', tool_name: 'Bash', tool_input: { command } });
  const edit = (file: string) => ({ hook_event_name: 'PreToolUse', cwd: root, session_id: 's', tool_name: 'Edit', tool_input: { file_path: file } });
  const decision = async (payload: object) => {
    const output = await guard.run('claude', payload);
    return output.stdout === '' ? 'silent' : (answerOf(output) as Decision).hookSpecificOutput.permissionDecision;
  };

  beforeEach(async () => {
    root = await sampleWorktree();
    guard = guardIn(root);
  });

  describe('who the PM is, and the git folder', () => {
    it('denies a PM\'s agent a change to who git says the user is, in any scope', async () => {
      for (const command of ['git config user.email dana@acme.test', 'git config --global user.name Dana', 'git config --unset user.email', 'git config set pmZone.identity @dana', 'git config --edit', 'git config include.path ../eng.gitconfig']) {
        assert.equal(await decision(bash(command)), 'deny', command);
      }
      for (const command of ['git config user.email', 'git config --get user.email', 'git config core.autocrlf false', 'git -c user.email=bot@acme.test commit -m x']) {
        assert.equal(await decision(bash(command)), 'silent', command);
      }
      assert.ok((await guard.run('claude', bash('git config user.email dana@acme.test'), { PM_ZONE_AS: '@dana' })).stdout === '', 'an engineer is not guarded');
    });

    it('denies a PM\'s agent any write into the git folder, by shell or by tool', async () => {
      await guard.run('claude', edit(inRepo(root, 'src/auth/session.ts')));
      const gitDir = path.resolve(root, (await git(root, 'rev-parse', '--git-dir')).trim());
      const commonDir = path.resolve(root, (await git(root, 'rev-parse', '--git-common-dir')).trim());
      assert.equal(await decision(bash(`sed -i 's/"defined":true/"defined":false/' ${path.join(gitDir, 'pm-zone', 'guard-policy.json')}`)), 'deny');
      assert.equal(await decision(bash(`echo '[user]' >> ${path.join(commonDir, 'config')}`)), 'deny');
      assert.equal(await decision({ ...edit(path.join(commonDir, 'config')), tool_name: 'Write' }), 'deny');
    });
  });

  describe('a file named as a URI', () => {
    const vscode = (tool_name: string, tool_input: object) => ({ hookEventName: 'PreToolUse', sessionId: 's', cwd: root, tool_name, tool_input });

    it('judges a `file://` URI as the file it names', async () => {
      const uri = pathToFileURL(inRepo(root, 'CLAUDE.md')).href;
      assert.equal(await decision(vscode('create_file', { filePath: uri, content: '' })), 'deny');
      assert.equal(await decision(vscode('replace_string_in_file', { filePath: uri.replace('CLAUDE', '%43LAUDE'), oldString: 'a', newString: 'b' })), 'deny');
      assert.equal(await decision(vscode('create_file', { filePath: pathToFileURL(inRepo(root, 'src/features/checkout/NOTES.md')).href, content: '' })), 'silent');
    });

    it('denies a PM\'s agent a file named by a URI of another scheme', async () => {
      assert.equal(await decision(vscode('create_file', { filePath: 'untitled:Untitled-1', content: '' })), 'deny');
    });
  });

  describe('the repository a write lands in', () => {
    const write = (file: string, cwd: string) => ({ hook_event_name: 'PreToolUse', cwd, session_id: 's', tool_name: 'Write', tool_input: { file_path: file, content: '' } });

    it('is found from the file, not from the cwd the payload names', async () => {
      assert.equal(await decision(write(inRepo(root, 'CLAUDE.md'), os.tmpdir())), 'deny');
      assert.equal(await decision(write(inRepo(root, 'CLAUDE.md'), path.join(os.tmpdir(), 'no-such-folder', 'x'))), 'deny');
    });

    it('is not a folder holding an empty `.git` of its own', async () => {
      const fake = inRepo(root, 'src/features/checkout/tmp');
      await fs.mkdir(path.join(fake, '.git'), { recursive: true });
      assert.equal(await decision(write(path.join(fake, '../../../auth/session.ts'), fake)), 'deny');
      assert.equal(await decision(write(path.join(fake, 'notes.md'), root)), 'silent');
    });

    it("is this repository, the temporary folder or the agent's plans for an edit tool: the home folder's files are refused", async () => {
      const home = await tempDir('home');
      const other = path.join(path.parse(root).root, 'srv', 'pm-zone-test');
      const asPm = async (file: string) => {
        const output = await guard.run('claude', write(file, root), { HOME: home });
        return silent(output) ? 'silent' : ((answerOf(output) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput);
      };
      for (const file of [path.join(home, '.claude', 'CLAUDE.md'), path.join(home, '.local', 'bin', 'node'), path.join(home, '.bashrc'), path.join(other, 'notes.md')]) {
        const answer = await asPm(file);
        assert.ok(answer !== 'silent', file);
        assert.equal(answer.permissionDecision, 'deny', file);
        assert.match(answer.permissionDecisionReason, /Outside this repository, where a PM's agent edits nothing but its own scratch/, file);
      }
      for (const file of [path.join(os.tmpdir(), 'pm-zone-scratch', 'notes.md'), path.join(home, '.claude', 'plans', 'checkout.md'), inRepo(root, 'src/features/checkout/i18n/en.json')]) {
        assert.equal(await asPm(file), 'silent', file);
      }
      // Through a link in the temporary folder to the home folder: where it lands counts.
      const link = path.join(await tempDir('linked-tmp'), 'rc');
      await fs.writeFile(path.join(home, '.bashrc'), '');
      await fs.symlink(path.join(home, '.bashrc'), link);
      assert.notEqual(await asPm(link), 'silent');
      assert.ok(silent(await guard.run('claude', write(path.join(home, '.bashrc'), root), { HOME: home, PM_ZONE_AS: '@dana' })), 'an engineer is not guarded');
    });

    it('is the project\'s too when a repository is made inside it', async () => {
      await git(root, 'init', '--quiet', 'src/auth');
      assert.equal(await decision(write(inRepo(root, 'src/auth/session.ts'), inRepo(root, 'src/auth'))), 'deny');
    });
  });

  describe('a command that names many files', () => {
    it('lists the tracked files of all the folders it names with one git process', async () => {
      const folders = Array.from({ length: 50 }, (_, index) => `src/features/checkout/d${index}`);
      await Promise.all(folders.map(async (folder) => {
        await fs.mkdir(inRepo(root, folder));
        await fs.writeFile(inRepo(root, `${folder}/notes.md`), '');
      }));
      await git(root, 'add', '.');
      await git(root, 'commit', '--quiet', '-m', 'many folders');
      const logged = await tempDir('git-calls');
      const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
      await fs.writeFile(path.join(logged, 'git'), `#!/bin/sh\necho "$*" >> '${path.join(logged, 'log')}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
      const pathBefore = process.env.PATH;
      process.env.PATH = `${logged}${path.delimiter}${pathBefore ?? ''}`;
      try {
        const output = await guard.run('claude', bash(`rm -rf ${folders.join(' ')} p p p p src/payments`));
        assert.match((answerOf(output) as Decision).hookSpecificOutput.permissionDecisionReason, /^PM Zone: src\/payments\/, src\/payments\/.* are engineering-only/);
      } finally {
        process.env.PATH = pathBefore;
      }
      const calls = (await fs.readFile(path.join(logged, 'log'), 'utf8')).split('\n').filter((line) => / ls-files /.test(` ${line} `));
      assert.equal(calls.length, 1, calls.join('\n'));
    });

    it('is refused when judging it would outlast the deadline, since an agent lets a hook that times out pass', async () => {
      const output = await runGuard('claude', JSON.stringify(bash('echo x > src/features/checkout/i18n/fr.json')), {
        cwd: root, env: {}, stamp: { program: 'deadline' }, deadlineMs: 1,
        parseSources: (files, settings) => parsePolicySources(files, settings),
      });
      const answer = (answerOf(output) as Decision).hookSpecificOutput;
      assert.equal(answer.permissionDecision, 'deny');
      // A one-file call that runs out of time does so because the machine is busy: it is never said to name too many files.
      assert.doesNotMatch(answer.permissionDecisionReason, /more files/);
      assert.match(answer.permissionDecisionReason, /took longer than 0\.001 s \(the computer is busy, or the repository is large\).*try the same call again/);
      const edit = await runGuard('claude', JSON.stringify({ session_id: 's', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: path.join(root, 'src/features/checkout/i18n/fr.json'), content: '{}' } }), {
        cwd: root, env: {}, stamp: { program: 'deadline' }, deadlineMs: 1,
        parseSources: (files, settings) => parsePolicySources(files, settings),
      });
      assert.match((answerOf(edit) as Decision).hookSpecificOutput.permissionDecisionReason, /^PM Zone: checking the file this tool call writes took longer than 0\.001 s/);
    });
  });

  describe('the time judging may take', () => {
    it('is the base deadline on a machine with a core to spare, and where no load average is read', () => {
      assert.deepEqual(judgingDeadline(1.5, 2), { ms: JUDGING_DEADLINE_MS });
      assert.deepEqual(judgingDeadline(0, 8), { ms: JUDGING_DEADLINE_MS });
    });

    it('stretches with the processes that share each core, up to a cap below the hook\'s own time-out, and the refusal says why', () => {
      assert.deepEqual(judgingDeadline(3, 2), { ms: 6000, busy: { load: 3, cores: 2 } });
      assert.equal(judgingDeadline(16, 2).ms, JUDGING_DEADLINE_CAP_MS);
      assert.ok(JUDGING_DEADLINE_CAP_MS < 10_000, 'agents init gives the hook 10 s');
      assert.match(outOfTimeReason(judgingDeadline(3, 2), 1), /checking the file this tool call writes took longer than 6 s .* PM Zone allowed 6 s instead of 4 s because the machine was busy \(load average 3\.0 on 2 cores\)\.$/);
      assert.doesNotMatch(outOfTimeReason(judgingDeadline(1, 2), 1), /PM Zone allowed/);
      assert.doesNotMatch(outOfTimeReason(judgingDeadline(3, 2), 1), /names|more files/);
      // A call of many files that ran out of time is told it was time, never that it names more files than PM Zone can check.
      const many = outOfTimeReason(judgingDeadline(3, 2), 40);
      assert.match(many, /^PM Zone: checking the 40 files this tool call writes took longer than 6 s \(the computer is busy, or the repository is large\).*or make the change in smaller steps\. PM Zone allowed 6 s/);
      assert.doesNotMatch(many, /names|more than PM Zone/);
    });
  });

  describe('a command built to break the reader', () => {
    it('is refused when it nests deeper than the reader goes, not let through', async () => {
      const nested = `echo ${'$('.repeat(5000)}rm src/features/checkout/i18n/fr.json${')'.repeat(5000)}`;
      const output = await guard.run('claude', bash(nested));
      const answer = (answerOf(output) as Decision).hookSpecificOutput;
      assert.equal(answer.permissionDecision, 'deny');
      assert.match(answer.permissionDecisionReason, /could not check it against the PM zone/);
    });
  });

  describe('shell forms that name a locked file another way', () => {
    it('judges git pathspecs from the top and in any case, a hard link to a locked file, and a path through the home folder', async () => {
      await fs.mkdir(inRepo(root, 'src/features/checkout/deep'), { recursive: true });
      const inDeep = (command: string) => ({ ...bash(command), cwd: inRepo(root, 'src/features/checkout/deep') });
      assert.equal(await decision(inDeep("git checkout HEAD~1 -- ':/CLAUDE.md'")), 'deny');
      assert.equal(await decision(inDeep("git restore --source=HEAD~1 ':(top)CLAUDE.md'")), 'deny');
      assert.equal(await decision(bash("git restore --source=HEAD~1 ':(icase)claude.md'")), 'deny');
      assert.equal(await decision(bash("git restore --source=HEAD~1 ':(icase)src/features/checkout/i18n/en.json'")), 'silent');
      assert.equal(await decision(bash('ln CLAUDE.md src/features/checkout/notes.md')), 'deny');
      assert.equal(await decision(bash('ln -s ../../../README.md src/features/checkout/notes.md')), 'silent');
      const home = { HOME: path.dirname(root) };
      assert.match((await guard.run('claude', bash(`echo x >> ~/${path.basename(root)}/CLAUDE.md`), home)).stdout, /"deny"/);
      assert.equal(await decision(bash('echo x >> ~+/CLAUDE.md')), 'deny');
      assert.equal(await decision(bash(`echo x >> /dev/..${inRepo(root, 'CLAUDE.md')}`)), 'deny');
      assert.equal(await decision(bash('rm {CLAUDE,README}.md')), 'deny');
      assert.equal(await decision(bash('(( x = 1 << 2 ))\necho x > CLAUDE.md')), 'deny');
      await fs.writeFile(inRepo(root, 'src/features/checkout/fix.diff'), '--- a/CLAUDE.md\n+++ b/CLAUDE.md\n@@ -1 +1 @@\n-# Acme Shop\n+# Anything goes\n');
      assert.equal(await decision(bash('patch -p1 < src/features/checkout/fix.diff')), 'deny');
    });
  });

  describe('downloads, unpacking and syncing', () => {
    it('judges the file a download is saved as, the folder an archive is unpacked into, and where rsync copies to', async () => {
      assert.equal(await decision(bash('curl -sSLo src/auth/session.ts https://example.com/s.ts')), 'deny');
      assert.equal(await decision(bash('wget -qO CLAUDE.md https://example.com/rules.md')), 'deny');
      assert.equal(await decision(bash('curl -sSLo src/features/checkout/i18n/de.json https://example.com/de.json')), 'silent');
      // An archive can hold any file: a folder with a locked file in it is refused; into the PM's strings the PM is asked.
      assert.equal(await decision(bash('tar xzf rules.tgz')), 'deny');
      assert.equal(await decision(bash('tar -xzf copy.tgz -C src/features/checkout/i18n')), 'ask');
      assert.equal(await decision(bash("gawk -i inplace '{ print }' src/auth/session.ts")), 'deny');
      await fs.mkdir(inRepo(root, 'src/features/checkout/stage/auth'), { recursive: true });
      await fs.writeFile(inRepo(root, 'src/features/checkout/stage/auth/session.ts'), '');
      assert.equal(await decision(bash('rsync -a src/features/checkout/stage/ src/')), 'deny');
      await fs.rm(inRepo(root, 'src/features/checkout/stage'), { recursive: true });
    });
  });

  describe('a copy into a folder', () => {
    beforeEach(async () => {
      await fs.mkdir(inRepo(root, 'src/features/checkout/stage'), { recursive: true });
      await fs.writeFile(inRepo(root, 'src/features/checkout/stage/CLAUDE.md'), '# Anything goes\n');
      await fs.writeFile(inRepo(root, 'src/features/checkout/stage/notes.md'), '# Copy ideas\n');
    });

    it('is judged by the files that land in it, the repository root included', async () => {
      assert.equal(await decision(bash('cp src/features/checkout/stage/CLAUDE.md .')), 'deny');
      assert.equal(await decision(bash('cd src/features/checkout && cp stage/CLAUDE.md ../../..')), 'deny');
      // Any folder's CLAUDE.md steers the agent: locked wherever it lands.
      assert.equal(await decision(bash('cp src/features/checkout/stage/CLAUDE.md src/features/checkout/')), 'deny');
      assert.equal(await decision(bash('cp src/features/checkout/stage/notes.md src/features/checkout/')), 'silent');
    });

    it('judges `cp -r X/. dest` by X\'s files, landed directly in dest', async () => {
      await fs.mkdir(inRepo(root, 'src/features/checkout/stage/auth'));
      await fs.writeFile(inRepo(root, 'src/features/checkout/stage/auth/x.ts'), '');
      assert.equal(await decision(bash('cp -r src/features/checkout/stage/. .')), 'deny');
      assert.equal(await decision(bash('cp -r src/features/checkout/stage src/features/checkout/copy')), 'deny');
      await fs.rm(inRepo(root, 'src/features/checkout/stage/auth'), { recursive: true });
      await fs.rm(inRepo(root, 'src/features/checkout/stage/CLAUDE.md'));
      assert.equal(await decision(bash('cp -r src/features/checkout/stage/. src/features/checkout/')), 'silent');
    });
  });

  describe('an uncommitted CLAUDE.md or CODEOWNERS', () => {
    const claudeMd = () => inRepo(root, 'CLAUDE.md');
    const rewrite = async (change: (text: string) => string) => fs.writeFile(claudeMd(), change(await fs.readFile(claudeMd(), 'utf8')));
    const changes: [string, () => Promise<unknown>][] = [
      ['widened to `**`', () => rewrite((text) => text.replace('### PMs may edit\n', '### PMs may edit\n- `**`\n'))],
      ['without the `**/auth/**` line', () => rewrite((text) => text.replace('- `**/auth/**`\n', ''))],
      ['with `## PM zone` renamed', () => rewrite((text) => text.replace('## PM zone', '## Notes'))],
      ['deleted', () => fs.rm(claudeMd())],
    ];
    for (const [name, change] of changes) {
      it(`still locks what the last commit locks: CLAUDE.md ${name}`, async () => {
        await change();
        assert.equal(await decision(edit(inRepo(root, 'src/auth/session.ts'))), 'deny');
        assert.equal(await decision(edit(claudeMd())), 'deny');
      });
    }

    it('still locks what the working tree alone locks', async () => {
      await rewrite((text) => text.replace('- `**/auth/**`\n', '- `**/auth/**`\n- `**/search/**`\n'));
      assert.equal(await decision(edit(inRepo(root, 'src/features/search/README.md'))), 'deny');
    });

    it('still has the backstop hold a locked file the session changed, with CLAUDE.md deleted', async () => {
      await fs.rm(claudeMd());
      await fs.appendFile(inRepo(root, 'src/auth/session.ts'), '// changed\n');
      const answer = answerOf(await guard.run('claude', { session_id: 's', cwd: root, hook_event_name: 'Stop', stop_hook_active: false }));
      assert.equal(answer.decision, 'block');
      assert.match(String(answer.reason), /src\/auth\/session\.ts/);
    });

    it('reads the working tree alone before the first commit', async () => {
      await git(root, 'checkout', '--quiet', '--orphan', 'fresh');
      try {
        assert.equal(await decision(edit(inRepo(root, 'src/auth/session.ts'))), 'deny');
      } finally {
        // A worktree on an orphan branch is listed by every worktree of the sample the process shares: it goes.
        await git(root, 'worktree', 'remove', '--force', root);
      }
    });
  });
});
