// Faults of the security scan: what a hostile or unlucky change
// does to get a secret, personal data or an unsafe sink past the review.
import * as assert from 'node:assert/strict';
import { isolateGitConfig } from '../cli/support/cli';
import { secretCheck } from '../../../src/core/review/checks/security/secrets';
import { added, makeContext } from '../review/security/context';
import { commitAll, editFile, git, lineOf, readFile, writeFiles } from '../cli/support/sampleRepo';
import { fakeSecrets } from '../review/e2e/fakeSecrets';
import { cleanPmBranch, reviewJson, type ReviewJson } from '../review/e2e/pmBranch';
import { cpuBound } from '../helpers/cpuBound';

const DOCS = 'src/features/checkout/docs';
const PROMPT = 'src/features/checkout/prompts/summary.md';
const BUTTON = 'src/features/checkout/components/CheckoutButton.tsx';

function securityFindings(review: ReviewJson): ReviewJson['findings'] {
  return review.findings.filter((finding) => finding.check.startsWith('security.'));
}

async function stagedReview(root: string, files: Record<string, string | Buffer>): Promise<{ code: number; review: ReviewJson }> {
  await writeFiles(root, files);
  await git(root, 'add', '--all');
  const { run, review } = await reviewJson(root, '--staged');
  return { code: run.code, review };
}

describe('faults: the security scan never passes what it did not read', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  it('finds a token after a NUL byte in a staged text file, on its line', async () => {
    const root = await cleanPmBranch();
    const token = fakeSecrets.stripeLiveKey(31);
    const { code, review } = await stagedReview(root, { [`${DOCS}/notes.txt`]: `header\u0000\nplain line\nSTRIPE=${token}\n` });
    assert.equal(code, 1);
    assert.deepEqual(
      securityFindings(review).map((finding) => [finding.check, finding.file, finding.line, finding.blocking]),
      [['security.secret', `${DOCS}/notes.txt`, 3, true]],
    );
    assert.ok(!JSON.stringify(review).includes(token), 'the token is printed');
  });

  it('finds a token in a UTF-16 file and in the text of a binary one', async () => {
    const root = await cleanPmBranch();
    const token = fakeSecrets.stripeLiveKey(32);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`line one\r\nkey = ${token}\r\n`, 'utf16le')]);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(`tEXtComment\u0000${token}`), Buffer.alloc(64)]);
    const { code, review } = await stagedReview(root, { [`${DOCS}/windows.txt`]: utf16, [`${DOCS}/logo.png`]: png });
    assert.equal(code, 1);
    assert.deepEqual(
      securityFindings(review).map((finding) => [finding.file, finding.line]),
      [[`${DOCS}/logo.png`, 3], [`${DOCS}/windows.txt`, 2]],
    );
  });

  it('passes an image with no secret in it, and does not report a secret the binary already held', async () => {
    const root = await cleanPmBranch();
    const token = fakeSecrets.stripeLiveKey(33);
    const image = (tail: string): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), Buffer.from(`IHDR\u0000${token}\u0000${tail}`), Buffer.alloc(32)]);
    await commitAll(root, 'Logo', { [`${DOCS}/logo.png`]: image('v1') });
    const { code, review } = await stagedReview(root, { [`${DOCS}/logo.png`]: image('v2'), [`${DOCS}/icon.png`]: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 255]) });
    assert.deepEqual(securityFindings(review), []);
    assert.equal(code, 0);
  });

  it('blocks a prompt template that sends personal data to the model', async () => {
    const root = await cleanPmBranch();
    await editFile(root, PROMPT, 'Delivery estimate: {{delivery_date}}', 'Delivery estimate: {{delivery_date}}\nContact: {{user.email}}, SSN {{ user.ssn }}');
    await commitAll(root, 'Prompt with contact');
    const { run, review } = await reviewJson(root);
    assert.equal(run.code, 1);
    const pii = review.findings.filter((finding) => finding.check === 'security.pii');
    assert.deepEqual(pii.map((finding) => [finding.file, finding.line, finding.blocking]), [[PROMPT, 8, true], [PROMPT, 8, true]]);
    assert.match(pii[0].message, /user\.email.*e-mail address/);
    assert.match(pii[1].message, /user\.ssn.*social security number/);
  });

  it('passes HTML sanitised with DOMPurify, and still blocks the same sink unsanitised', async () => {
    const root = await cleanPmBranch();
    await editFile(
      root,
      BUTTON,
      '      {label}\n',
      [
        '      <span dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(note) }} />',
        '      <span dangerouslySetInnerHTML={{ __html: note }} />',
        '      {label}',
        '',
      ].join('\n'),
    );
    await editFile(root, BUTTON, '        onConfirm();\n', '        onConfirm();\n        ref.current.innerHTML = DOMPurify.sanitize(summary, { USE_PROFILES: { html: true } });\n');
    await commitAll(root, 'Notes as HTML');
    const { review } = await reviewJson(root);
    const sinks = review.findings.filter((finding) => finding.check === 'security.dangerous-code');
    const text = await readFile(root, BUTTON);
    assert.deepEqual(sinks.map((finding) => finding.line), [lineOf(text, '__html: note }')]);
  });

  it('a strings, flags or additions-only analytics file that git reads as binary blocks as unreadable, never passes unread', async () => {
    const root = await cleanPmBranch();
    const binary = (text: string) => Buffer.concat([Buffer.from(text), Buffer.from([0, 1, 2])]);
    const { code, review } = await stagedReview(root, {
      'src/features/checkout/i18n/de.json': binary('{"placeOrder": "Bestellen"}'),
      'src/features/checkout/flags.yaml': binary('flags:\n'),
      'src/features/checkout/analytics/events.ts': binary('export const EVENTS = [];\n'),
    });
    assert.equal(code, 1);
    const unreadable = review.findings.filter((finding) => finding.blocking && /git reads (it|this file) as binary/i.test(finding.message));
    assert.deepEqual(unreadable.map((finding) => [finding.check, finding.file]).sort(), [
      ['analytics.removal', 'src/features/checkout/analytics/events.ts'],
      ['flags.invalid', 'src/features/checkout/flags.yaml'],
      ['i18n.invalid-json', 'src/features/checkout/i18n/de.json'],
    ]);
  });

  it('a strings file with a NUL byte past the 8,000 bytes git looks at blocks as invalid JSON, not as removed keys', async () => {
    const root = await cleanPmBranch();
    const keys = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`key${i}`, `Wert ${i}`]));
    const text = Buffer.from(JSON.stringify(keys, null, 2));
    const { code, review } = await stagedReview(root, { 'src/features/checkout/i18n/de.json': Buffer.concat([text.subarray(0, 9_000), Buffer.from([0, 1, 2]), text.subarray(9_000)]) });
    assert.equal(code, 1);
    const i18n = review.findings.filter((finding) => finding.check.startsWith('i18n.'));
    assert.deepEqual(i18n.map((finding) => [finding.check, finding.severity, finding.file]), [['i18n.invalid-json', 'error', 'src/features/checkout/i18n/de.json']]);
    assert.match(i18n[0].message, /holds a NUL byte \(past the first 8,000 bytes, where git does not look\)/);
  });

  it('lines of thousands of spaces are scanned and found clean (how long that takes is timed in bench/limits.bench.ts)', () => {
    // With the generic rule quadratic in leading blanks, this took seconds per hundred lines; linear, milliseconds.
    const indented = `${' '.repeat(4_000)}x\n`.repeat(300);
    assert.deepEqual(secretCheck.run(makeContext([added(`${DOCS}/indented.yml`, indented)])), []);
  });
});

