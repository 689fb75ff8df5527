// Every provider rule against its corpus: each true positive written in JSON,
// YAML, TypeScript, .env and markdown, under its own name and a neutral one,
// must block on its line; each look-alike must pass, in every syntax.
import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/types';
import { secretCheck } from '../../../../src/core/review/checks/security/secrets';
import { GENERIC_POSITIVES, NATURAL_LANGUAGE_NEGATIVES, SECRET_CORPUS, SYNTAXES, embedAll, type CorpusFile } from '../../../support/secretCorpus';
import { added, makeContext } from './context';

async function findingsOf(file: CorpusFile, path = file.path): Promise<Finding[]> {
  return secretCheck.run(makeContext([added(path, file.text)]));
}

function describeFile(file: CorpusFile): string {
  return `${file.sample.provider} ${file.syntax} "${file.text.split('\n')[file.line - 1]?.slice(0, 48)}…"`;
}

async function assertFound(files: CorpusFile[]): Promise<void> {
  for (const file of files) {
    const findings = await findingsOf(file);
    const onLine = findings.filter((finding) => finding.line === file.line && finding.blocking);
    assert.equal(onLine.length, 1, `${describeFile(file)}: ${JSON.stringify(findings.map((f) => [f.line, f.message]))}`);
    // The longest line: a key block's header may be shown, its body never.
    const secret = file.sample.value.split('\n').reduce((longest, line) => (line.length > longest.length ? line : longest));
    assert.ok(!JSON.stringify(findings).includes(secret), `${describeFile(file)} is printed in full`);
  }
}

async function assertPassed(files: CorpusFile[], path?: string): Promise<void> {
  for (const file of files) {
    const blocking = (await findingsOf(file, path)).filter((finding) => finding.blocking);
    assert.deepEqual(blocking.map((f) => f.message), [], describeFile(file));
  }
}

describe('security.secret on the provider corpus', () => {
  it('covers at least 30 providers, each with true and false positives in five syntaxes', () => {
    const providers = SECRET_CORPUS.filter((entry) => entry.positives.length > 0 && entry.negatives.length > 0);
    assert.ok(providers.length >= 30, `${providers.length} providers`);
    assert.deepEqual([...new Set(embedAll(providers[0].positives).map((file) => file.syntax))], [...SYNTAXES]);
  });

  for (const { provider, positives, negatives } of SECRET_CORPUS) {
    it(`${provider}: blocks every token, in every syntax, under any name`, async () => {
      await assertFound(embedAll(positives));
    });
    it(`${provider}: passes every look-alike, in every syntax`, async () => {
      await assertPassed(embedAll(negatives));
    });
  }

  it('generic secrets: blocks a random value under a name that says it is a credential', async () => {
    await assertFound(embedAll(GENERIC_POSITIVES));
  });

  it('generic secrets: passes translated labels in any script, sentences and placeholders', async () => {
    await assertPassed(embedAll(NATURAL_LANGUAGE_NEGATIVES));
  });

  it('locale files are prose: no generic secret there, but a provider token still blocks', async () => {
    const locale = 'src/features/login/i18n/nl.json';
    await assertPassed(embedAll(GENERIC_POSITIVES).filter((file) => file.syntax === 'json'), locale);
    const github = embedAll(SECRET_CORPUS.find((entry) => entry.provider === 'GitHub')!.positives).filter((file) => file.syntax === 'json');
    for (const file of github) assert.equal((await findingsOf(file, locale)).filter((f) => f.blocking && f.line === file.line).length, 1, describeFile(file));
  });
});
