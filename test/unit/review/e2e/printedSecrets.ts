// The four secrets the review must find and never print, and the check that
// an output holds none of them: shared by the in-process review tests and the
// built program's (test/bundle/cli/secrets.test.ts).
import * as assert from 'node:assert/strict';
import { fakeSecrets } from './fakeSecrets';

export const SECRETS = {
  github: fakeSecrets.githubToken(11),
  aws: fakeSecrets.awsAccessKeyId(12),
  stripe: fakeSecrets.stripeLiveKey(13),
  slack: fakeSecrets.slackBotToken(14),
};

/** Fails when `output` holds any of the secrets, or most of one (a redacted value keeps a short prefix only). */
export function assertNoSecret(output: string, format: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    assert.ok(!output.includes(secret), `the ${name} secret appears in the ${format} output`);
    assert.ok(!output.includes(secret.slice(0, -4)), `most of the ${name} secret appears in the ${format} output`);
  }
}
