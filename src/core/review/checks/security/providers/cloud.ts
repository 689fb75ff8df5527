// Cloud platforms and data services: keys that open infrastructure and data.
import type { SecretRule } from '../secretRules';
import { mixesCase, token } from './shapes';

/** An AWS access key id: a fixed prefix, then 16 upper-case letters and digits. */
export const AWS_ACCESS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/;

/**
 * An AWS secret access key is 40 characters of base64 with no prefix, like
 * many other values. It counts when a key id stands within a few lines of it,
 * as in every credentials file and SDK call, or when its name says so.
 */
export const AWS_SECRET_KEY_NEAR_ID: SecretRule = {
  kind: 'AWS secret access key',
  pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
  fileTest: AWS_ACCESS_KEY_ID,
  severity: 'error',
  confirm: (secret, around) => mixesCase(secret) && around.nearby.some((line) => AWS_ACCESS_KEY_ID.test(line)),
};

export const CLOUD_RULES: readonly SecretRule[] = [
  token('AWS access key id', /^(?:AKIA|ASIA|ABIA|ACCA)/, '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}', { edge: 'A-Za-z0-9' }),
  {
    kind: 'AWS secret access key',
    pattern:
      /(?<![A-Za-z0-9])(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?[ \t]*(?:=>|:=|[:=])[ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    // Every name the pattern takes holds this: a block without it is passed over in one cheap test (each commit's lines are read too).
    quickTest: /secret_?(?:access_?)?key/i,
    group: 1,
    severity: 'error',
  },
  // Long-lived Amazon Bedrock API keys: `ABSK`, then base64 of `BedrockAPIKey-` and the key.
  token('Amazon Bedrock API key', /^ABSKQmVkcm9ja0FQSUtleS/, 'ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{80,270}={0,2}', { edge: 'A-Za-z0-9+/=' }),
  token('Google API key', /^AIza/, 'AIza[A-Za-z0-9_-]{35}', { edge: 'A-Za-z0-9_-' }),
  token('Google OAuth client secret', /^GOCSPX-/, 'GOCSPX-[A-Za-z0-9_-]{28}', { edge: 'A-Za-z0-9_-' }),
  // Azure AD client secrets carry `Q~` after three characters and a digit.
  token('Azure AD client secret', /^[A-Za-z0-9_~.]{3}\dQ~/, '[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}', { edge: 'A-Za-z0-9_~.-', hint: 'Q~' }),
  token('DigitalOcean token', /^do[opr]_v1_/, 'do[opr]_v1_[a-f0-9]{64}'),
  token('Databricks token', /^dapi/, 'dapi[a-f0-9]{32}(?:-\\d)?', { edge: 'A-Za-z0-9_-' }),
  token('Alibaba Cloud access key id', /^LTAI/, 'LTAI[A-Za-z0-9]{20}'),
  token('Heroku API key', /^HRKU-AA/, 'HRKU-AA[A-Za-z0-9_-]{58}', { edge: 'A-Za-z0-9_-' }),
  token('Fly.io token', /^fo1_/, 'fo1_[A-Za-z0-9_-]{43}', { edge: 'A-Za-z0-9_-' }),
  token('Fly.io token', /^FlyV1 fm\d[a-z]?_/, 'FlyV1 fm\\d[a-z]?_[A-Za-z0-9+/=_-]{100,}', { edge: 'A-Za-z0-9_+/=-' }),
  token('Cloudflare Origin CA key', /^v1\.0-/, 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}', { edge: 'A-Za-z0-9_-' }),
  {
    kind: 'Azure storage account key',
    pattern: /\bAccountKey\s*=\s*([A-Za-z0-9+/]{86}==)/dg,
    quickTest: /AccountKey/,
    group: 1,
    severity: 'error',
  },
  {
    // Sumo Logic's access id (`su` and 12 characters) and access key (64) have no prefix of their own: their name gives them away.
    kind: 'Sumo Logic access key',
    pattern: /\bsumo[\w.]*?(?:access)?[_.]?(?:id|key)["']?\s*[:=]\s*["']?([A-Za-z0-9]{14}|[A-Za-z0-9]{64})(?![A-Za-z0-9])/dgi,
    quickTest: /sumo/i,
    group: 1,
    severity: 'error',
    confirm: (secret) => mixesCase(secret),
  },
  token('Supabase secret key', /^(?:sbp_|sb_secret_)/, 'sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,}', { edge: 'A-Za-z0-9_-' }),
  token('PlanetScale token', /^pscale_(?:tkn|pw|oauth)_/, 'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}', { edge: 'A-Za-z0-9_.-' }),
  token('New Relic key', /^NR(?:AK|II)-/, 'NR(?:AK|II)-[A-Z0-9]{27}'),
  token('Dynatrace token', /^dt0c01\./, 'dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}', { edge: 'A-Za-z0-9_.' }),
  token('Airtable token', /^pat/, 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}', { edge: 'A-Za-z0-9_.' }),
];
