// Prompt templates that send personal data to a model. `{{user.email}}` in a
// prompt hands the address to a third party on every call, as surely as an
// analytics event that captures it, so it is judged by the same words.
import type { Finding } from '../../../types';
import type { ChangedFile, CheckContext } from '../../model';
import { personalDataKind } from '../analyticsPii';
import { readableText } from '../contentSupport';
import { isPromptFile, promptVariables } from '../prompts';

/**
 * The template variables a change adds to a prompt that name personal data.
 * A variable the prompt already used is not new exposure; facts about a
 * datum (`{{user.email_verified}}`) are not the datum.
 */
export function promptPiiFindings(ctx: CheckContext, check: string): Finding[] {
  return ctx.change.files
    .filter((file) => file.status !== 'deleted' && isPromptFile(file.path, ctx.policy))
    .flatMap((file) => fileFindings(file, check));
}

function fileFindings(file: ChangedFile, check: string): Finding[] {
  const newText = readableText(file.newText, file);
  if (newText === undefined) return [];
  const before = promptVariables(file.path, readableText(file.oldText, file) ?? '');
  const findings: Finding[] = [];
  for (const [prompt, variables] of promptVariables(file.path, newText)) {
    const known = before.get(prompt);
    for (const [variable, line] of variables) {
      // The datum is the last step of the path: `user.hasPhone` is a fact about `user`.
      const kind = known?.has(variable) ? undefined : personalDataKind(variable.slice(variable.lastIndexOf('.') + 1));
      if (kind === undefined) continue;
      findings.push({
        check,
        severity: 'error',
        blocking: true,
        file: file.path,
        line,
        message: `Template variable \`${variable}\` sends personal data (${kind}) to the model — prompts must not carry personal or protected data; pass a non-identifying fact instead, or ask engineering`,
      });
    }
  }
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
