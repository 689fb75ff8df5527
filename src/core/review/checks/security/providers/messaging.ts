// Messaging, e-mail and chat: tokens and webhooks that post as the company.
import type { SecretRule } from '../secretRules';
import { mixesCase, token } from './shapes';

export const MESSAGING_RULES: readonly SecretRule[] = [
  token('Slack token', /^(?:xoxe\.)?xox[a-z]-/, 'xox[abprscdeo]-(?:\\d-)?[0-9]{6,}-[A-Za-z0-9-]{7,}[A-Za-z0-9]|xoxe\\.xox[bp]-\\d-[A-Za-z0-9-]{100,}|xoxe-\\d-[A-Za-z0-9-]{100,}', { edge: 'A-Za-z0-9_-' }),
  // The app id and the timestamp make the shape; the secret's length is not checked to the digit.
  token('Slack app token', /^xapp-\d-/, 'xapp-\\d-[A-Z0-9]{9,12}-\\d{10,14}-[a-f0-9]{32,}', { edge: 'A-Za-z0-9_-' }),
  // Every form Slack has issued, over http too: the path is the secret.
  token('Slack webhook URL', /^https?:\/\/hooks\.slack\.com\/[a-z]+\//, 'https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{20,}', { edge: 'A-Za-z0-9_/-' }),
  token('Discord webhook URL', /^https:\/\/(?:discord|discordapp)\.com\/api\/webhooks\//, 'https://(?:discord|discordapp)\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}', { edge: 'A-Za-z0-9_/-' }),
  // The first part is the bot's id in base64: no fixed prefix, but an id's first digit
  // (1 to 9) always encodes as `M`, `N` or `O`, and the dotted shape says the rest.
  token('Discord bot token', /^/, '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}', { edge: 'A-Za-z0-9_.-' }),
  token('Telegram bot token', /^\d{8,10}:/, '\\d{8,10}:AA[A-Za-z0-9_-]{33}', { edge: 'A-Za-z0-9_:-', hint: ':AA' }),
  token('Twilio API key', /^SK/, 'SK[0-9a-f]{32}'),
  token('SendGrid API key', /^SG\./, 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', { edge: 'A-Za-z0-9_.-' }),
  token('Mailgun API key', /^key-/, 'key-[0-9a-f]{32}', { edge: 'A-Za-z0-9_-' }),
  token('Mailchimp API key', /^/, '[0-9a-f]{32}-us\\d{1,2}', { edge: 'A-Za-z0-9_-', hint: '-us' }),
  // Page and user access tokens start `EAA`; an app token is the app id, `|`, then its secret.
  token('Facebook access token', /^EAA/, 'EAA[A-Za-z0-9]{90,400}', { confirm: mixesCase }),
  token('Facebook app token', /^\d{15,16}\|/, '\\d{15,16}\\|[A-Za-z0-9_-]{27}', { edge: 'A-Za-z0-9_|-', hint: '|' }),
  token('Notion token', /^(?:ntn_|secret_)/, 'ntn_\\d{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43}'),
];
