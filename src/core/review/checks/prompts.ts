// prompts.variables: a prompt template whose variables changed. The code that
// renders the prompt supplies variables by name; an added one renders empty
// until the code passes it, a removed one silently drops context.
import type { Finding } from '../../types';
import { defineCheck } from '../model';
import { finding, listNames, newLineForOldLine, readableText } from './contentSupport';
import { isPromptFile, promptVariables } from './promptFiles';

export { isPromptFile, PROMPT_GLOBS, promptVariables } from './promptFiles';
export { templateVariables } from './promptVariables';

export const promptsCheck = defineCheck({
  about: {
    'prompts.variables': {
      title: 'Prompt variables changed',
      description: 'A prompt template gained or lost template variables.',
      help: 'Check with engineering that the code passes every variable the prompt now uses.',
      item: { section: 'Prompts', text: 'Template variables still match what the code passes' },
      defaultSeverity: 'warning',
      words: /\b(?:prompt|template) variables?\b/i,
    },
  },
  appliesTo: (change, policy) => change.files.some((file) => isPromptFile(file.path, policy)),
  run(ctx) {
    const findings: Finding[] = [];
    for (const file of ctx.change.files) {
      // A new prompt has nothing to compare with, a deleted one nothing to render.
      if (file.status === 'added' || file.status === 'deleted' || !isPromptFile(file.path, ctx.policy)) continue;
      const oldText = readableText(file.oldText, file);
      const newText = readableText(file.newText, file);
      if (oldText === undefined || newText === undefined) continue;
      const before = promptVariables(file.path, oldText);
      const after = promptVariables(file.path, newText);
      // Prompt by prompt: one that is new or gone has nothing to compare with.
      for (const [prompt, now] of after) {
        const then = before.get(prompt);
        if (!then) continue;
        const of = prompt === '' ? '' : ` in prompt \`${prompt}\``;
        const added = [...now.keys()].filter((name) => !then.has(name));
        const removed = [...then.keys()].filter((name) => !now.has(name));
        if (added.length > 0) {
          const line = Math.min(...added.map((name) => now.get(name)!));
          findings.push(
            finding('prompts.variables', 'warning', file.path, line, `Template variable${plural(added)} added${of}: ${listNames(added)}. The code that renders this prompt must supply ${added.length > 1 ? 'them' : 'it'}, or ${added.length > 1 ? 'they render' : 'it renders'} empty.`),
          );
        }
        if (removed.length > 0) {
          const diff = ctx.diff(file);
          const lines = removed.map((name) => newLineForOldLine(diff, then.get(name)!)).filter((line): line is number => line !== null);
          findings.push(
            finding('prompts.variables', 'warning', file.path, lines.length > 0 ? Math.min(...lines) : 1, `Template variable${plural(removed)} removed${of}: ${listNames(removed)}. The code still passes ${removed.length > 1 ? 'them' : 'it'}; check the prompt keeps the context it needs.`),
          );
        }
      }
    }
    return findings;
  },
});

function plural(names: string[]): string {
  return names.length > 1 ? 's' : '';
}
