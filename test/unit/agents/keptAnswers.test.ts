// What a decision observed (answerRecorder.ts), and the record the launcher
// gives a kept answer from (keptAnswers.ts): each observation found again
// while nothing it saw changed, and found changed once something did; the
// calls that keep nothing; the record's limits. The launcher giving answers
// from it, against the built guard: test/bundle/agents/keptAnswers.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Module } from 'node:module';
import * as path from 'node:path';
import { startRecording, type Recording } from '../../../src/core/agents/answerRecorder';
import { keepAnswer, keptAnswersApi, KEPT_ANSWERS_FILE, KEPT_ANSWERS_LIMIT, readKeptAnswers, type AnswerToKeep } from '../../../src/core/agents/keptAnswers';
import { tempDir } from '../helpers/tempRepo';

describe('kept answers: what a decision observed, and the record of it', () => {
  let folder: string;
  const file = (...names: string[]) => path.join(folder, ...names);
  const api = keptAnswersApi();
  // Later than every file here by more than the settling time: each counts as settled.
  const settled = { startedMs: () => Date.now() + 60_000 };
  /** What `decide` observed, the recording checked as the guard's program checks it. */
  const recorded = async (decide: () => unknown, options = settled): Promise<Recording> => {
    const recording = startRecording(options);
    const decided = Promise.resolve().then(decide);
    await decided.catch(() => undefined);
    return recording.end();
  };
  const holdAll = (recording: Recording) => recording.observations.every((observation) => api.observationHolds(observation, new Map()));

  beforeEach(async () => {
    folder = await tempDir('kept-answers');
    fs.mkdirSync(file('src', 'auth'), { recursive: true });
    fs.writeFileSync(file('CLAUDE.md'), '# Policy\n');
    fs.writeFileSync(file('src', 'auth', 'session.ts'), 'export {};\n');
    fs.symlinkSync(path.join('src', 'auth'), file('linked'));
  });

  it('notes each call a decision reads with, and what it found; all hold while nothing changed', async () => {
    const recording = await recorded(async () => {
      fs.statSync(file('src', 'auth', 'session.ts')).isFile();
      fs.lstatSync(file('linked')).isSymbolicLink();
      fs.readFileSync(file('CLAUDE.md'), 'utf8');
      fs.existsSync(file('missing.md'));
      fs.readdirSync(file('src'), { withFileTypes: true });
      fs.realpathSync.native(file('linked', 'session.ts'));
      fs.readlinkSync(file('linked'));
      const descriptor = fs.openSync(file('CLAUDE.md'), 'r');
      fs.fstatSync(descriptor);
      fs.closeSync(descriptor);
      await fs.promises.readFile(file('CLAUDE.md'));
      (await fs.promises.stat(file('src'))).isDirectory();
      await fs.promises.realpath(file('linked'));
      await fs.promises.readdir(file('src', 'auth'));
      await fs.promises.access(file('CLAUDE.md'));
    });
    assert.equal(recording.spoiled, undefined);
    const kinds = [...new Set(recording.observations.map((observation) => observation[0]))].sort();
    assert.deepEqual(kinds, ['a', 'd', 'e', 'l', 'p', 'r', 's']);
    assert.ok(holdAll(recording));
  });

  it('an observation fails once what it saw changed, and only what it read counts', async () => {
    const kindOnly = await recorded(() => fs.statSync(file('src', 'auth', 'session.ts')).isFile());
    const bytes = await recorded(() => fs.readFileSync(file('src', 'auth', 'session.ts')));
    const listed = await recorded(() => fs.readdirSync(file('src', 'auth')));
    const exists = await recorded(() => fs.existsSync(file('src', 'auth', 'new.ts')));
    const real = await recorded(() => fs.realpathSync.native(file('linked', 'session.ts')));
    // The file written since: its kind holds, its bytes do not.
    fs.appendFileSync(file('src', 'auth', 'session.ts'), '// more\n');
    assert.ok(holdAll(kindOnly));
    assert.ok(!holdAll(bytes));
    assert.ok(holdAll(listed) && holdAll(exists) && holdAll(real));
    // A file made beside it, and the link pointed elsewhere.
    fs.writeFileSync(file('src', 'auth', 'new.ts'), '');
    assert.ok(!holdAll(listed));
    assert.ok(!holdAll(exists));
    fs.mkdirSync(file('other'));
    fs.writeFileSync(file('other', 'session.ts'), '');
    fs.rmSync(file('linked'));
    fs.symlinkSync('other', file('linked'));
    assert.ok(!holdAll(real));
  });

  it('keeps nothing of a decision that writes, runs a program, makes a call it does not model, or reads /proc', async () => {
    assert.match((await recorded(() => fs.writeFileSync(file('written.txt'), 'x'))).spoiled ?? '', /writeFileSync/);
    assert.match((await recorded(() => fs.openSync(file('CLAUDE.md'), 'a'))).spoiled ?? '', /an open that writes/);
    assert.match((await recorded(() => new Promise((resolve) => fs.stat(file('CLAUDE.md'), resolve)))).spoiled ?? '', /fs\.stat\b/);
    assert.match((await recorded(() => fs.opendirSync(file('src')).closeSync())).spoiled ?? '', /opendirSync/);
    assert.match((await recorded(() => (Module.prototype as unknown as { require: (id: string) => unknown }).require.call(module, 'node:child_process'))).spoiled ?? '', /child_process/);
    if (process.platform === 'linux') assert.match((await recorded(() => fs.readFileSync('/proc/self/stat'))).spoiled ?? '', /\/proc/);
    assert.match((await recorded(() => undefined)).spoiled ?? '', /nothing was observed/);
  });

  it('keeps nothing of a file read within the settling time, or changed while it was read', async () => {
    const fresh = await recorded(() => fs.readFileSync(file('CLAUDE.md')), { startedMs: () => Date.now() });
    assert.match(fresh.spoiled ?? '', /CLAUDE\.md changed too recently/);
    const changed = await recorded(() => {
      fs.readFileSync(file('CLAUDE.md'));
      // Another process writing it while the decision goes on.
      const descriptor = fs.openSync(file('CLAUDE.md'), 'a');
      fs.writeSync(descriptor, 'more\n');
      fs.closeSync(descriptor);
    });
    // The write itself spoils it here; made again at the end, the read's observation fails too.
    assert.ok(changed.spoiled);
    // Another process making a file the decision looked for twice (node's own call, taken before the recording: not seen
    // by it): the decision saw both, and keeps neither.
    const otherProcessWrites = fs.writeFileSync;
    const twice = await recorded(() => {
      fs.existsSync(file('made.md'));
      otherProcessWrites(file('made.md'), '');
      fs.existsSync(file('made.md'));
    });
    assert.match(twice.spoiled ?? '', /made\.md changed while the decision read it/);
    assert.ok(!holdAll({ ...changed, observations: changed.observations.filter((observation) => observation[0] === 'r') }));
  });

  it('puts every call back as it was when it ends, and a stand-in kept past it lets calls through', async () => {
    const statSync = fs.statSync;
    const promises = Object.getOwnPropertyDescriptor(fs, 'promises');
    const require = (Module.prototype as unknown as { require: unknown }).require;
    let kept: typeof fs.statSync | undefined;
    await recorded(() => {
      kept = (require as unknown as (this: unknown, id: string) => typeof fs).call(module, 'node:fs').statSync;
      kept(folder);
    });
    assert.equal(fs.statSync, statSync);
    assert.deepEqual(Object.getOwnPropertyDescriptor(fs, 'promises'), promises);
    assert.equal((Module.prototype as unknown as { require: unknown }).require, require);
    assert.ok(kept!(folder).isDirectory());
    assert.throws(() => {
      const first = startRecording();
      try {
        startRecording();
      } finally {
        first.end();
      }
    }, /already under way/);
  });

  it("notes the payload's fields read, its keys listed and each `in` asked; another payload holds where those agree", () => {
    const recording = startRecording(settled);
    const payload = recording.payloadObserved({ tool_name: 'Edit', tool_input: { file_path: '/repo/a.ts', old_string: 'x', new_string: 'y' }, session_id: 's' });
    const tool = payload.tool_name;
    const input = payload.tool_input;
    const target = input.file_path;
    const asked = 'notebook_path' in input;
    fs.statSync(folder);
    const { payload: reads } = recording.end();
    assert.deepEqual([tool, target, asked], ['Edit', '/repo/a.ts', false]);
    const holds = (other: unknown) => reads.every((read) => api.payloadHolds(other, read));
    assert.ok(holds({ tool_name: 'Edit', tool_input: { file_path: '/repo/a.ts', old_string: 'other', new_string: 'text' }, session_id: 'another' }));
    assert.ok(!holds({ tool_name: 'Edit', tool_input: { file_path: '/repo/b.ts' } }));
    assert.ok(!holds({ tool_name: 'Write', tool_input: { file_path: '/repo/a.ts' } }));
    assert.ok(!holds({ tool_name: 'Edit', tool_input: { file_path: '/repo/a.ts', notebook_path: '/repo/n.ipynb' } }));
    assert.ok(!holds({ tool_name: 'Edit', tool_input: '/repo/a.ts' }));
  });

  it('keeps the latest answers first, one per payload, within its limit; reads nothing of another stamp or a damaged record', () => {
    const records = file('records');
    fs.mkdirSync(records);
    const answer = (target: string, stdout = ''): AnswerToKeep => ({ env: '[]', cwd: folder, argv: '["--agent","claude"]', payload: [[['tool_input', 'file_path'], 'g', `string:${target}`]], observations: [['e', file(target), '', 'false'], ['r', file('CLAUDE.md'), 1, 'state']], stdout, stderr: '', exitCode: 0 });
    for (let index = 0; index < KEPT_ANSWERS_LIMIT + 3; index++) assert.ok(keepAnswer(records, 'stamp', answer(`file-${index}.ts`)));
    assert.ok(keepAnswer(records, 'stamp', answer('file-5.ts', 'again')));
    const record = readKeptAnswers(records, 'stamp')!;
    assert.equal(record.answers.length, KEPT_ANSWERS_LIMIT);
    assert.equal(record.answers[0]!.stdout, 'again');
    assert.equal(record.answers.filter((kept) => kept.payload[0]![2] === 'string:file-5.ts').length, 1);
    // The observation every answer shares is written once.
    assert.equal(record.observations.filter((observation) => observation[1] === file('CLAUDE.md')).length, 1);
    assert.equal(record.observations.length, KEPT_ANSWERS_LIMIT + 1);
    assert.equal(readKeptAnswers(records, 'another stamp'), undefined);
    fs.writeFileSync(path.join(records, KEPT_ANSWERS_FILE), '{"format":1,');
    assert.equal(readKeptAnswers(records, 'stamp'), undefined);
    fs.rmSync(path.join(records, KEPT_ANSWERS_FILE));
    fs.symlinkSync(file('CLAUDE.md'), path.join(records, KEPT_ANSWERS_FILE));
    assert.equal(readKeptAnswers(records, 'stamp'), undefined);
  });
});
