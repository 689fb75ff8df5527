import type { Identity } from '../../core/policy';
import { CommandId } from '../commandIds';

/** One line on who PM Zone takes the user to be, for tooltips: markdown, with the command to change it. */
export function identityMarkdown(identity: Identity): string {
  const link = `[Choose who I am](command:${CommandId.ChooseIdentity})`;
  return identity.known ? `$(account) ${escapeMarkdown(identity.message)} ${link}` : `$(question) ${escapeMarkdown(identity.message)} ${link}`;
}

/** Text shown literally inside a MarkdownString. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
