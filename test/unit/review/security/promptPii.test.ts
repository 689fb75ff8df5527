import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/types';
import { piiCheck } from '../../../../src/core/review/checks/security/pii';
import { isPromptFile } from '../../../../src/core/review/checks/prompts';
import { added, makeContext, modified } from './context';

async function scan(...files: Parameters<typeof makeContext>[0]): Promise<Finding[]> {
  return piiCheck.run(makeContext(files));
}

const PROMPT = 'src/features/support/prompts/reply.md';

describe('security.pii in prompt templates', () => {
  it('blocks each personal-data variable a new prompt interpolates, on its line', async () => {
    const text = ['# Reply', 'Customer: {{user.email}}', 'Phone: ${customer.phoneNumber}', '{% if user.ssn %}Verified{% endif %}', 'Plan: {{plan}}'].join('\n');
    const findings = await scan(added(PROMPT, text));
    assert.deepEqual(findings.map((f) => [f.line, f.severity, f.blocking]), [[2, 'error', true], [3, 'error', true], [4, 'error', true]]);
    assert.match(findings[0].message, /^Template variable `user\.email` sends personal data \(e-mail address\) to the model/);
    assert.match(findings[1].message, /`customer\.phoneNumber`.*phone number/);
    assert.match(findings[2].message, /`user\.ssn`.*social security number/);
  });

  it('says nothing of a variable the prompt already sent, so rewording it never blocks', async () => {
    const before = 'Hello {{user.email}}.\nBe brief.\n';
    const after = 'Hi {{user.email}}!\nBe brief and kind.\n';
    assert.deepEqual(await scan(modified(PROMPT, before, after)), []);
  });

  it('passes facts about a datum and names that identify no one', async () => {
    const text = 'Verified: {{user.email_verified}}\nHas phone: {{user.hasPhone}}\nCustomer: {{customer_name}}\nItems: {{cart_items}}\n';
    assert.deepEqual(await scan(added(PROMPT, text)), []);
  });

  it('reads prompts kept in code: ${…} in a template literal of prompts.ts, and {{…}} in its strings', async () => {
    const path = 'src/lib/ai/prompts.ts';
    const before = 'export const replyPrompt = (user: User) => `Reply to ${user.firstName} about their plan.`;\n';
    const after = 'export const replyPrompt = (user: User) => `Reply to ${user.firstName} (${user.email}) about their plan.`;\nexport const followUp = "Ask {{customer.phone}} to confirm";\n';
    const findings = await scan(modified(path, before, after));
    assert.deepEqual(findings.map((f) => [f.line, f.blocking]), [[1, true], [2, true]]);
    assert.match(findings[0].message, /`user\.email` sends personal data/);
    assert.deepEqual(await scan(modified(path, before, `// was: \`Reply to \${user.email}\`\n${before}`)), [], 'a comment sends nothing');
  });

  it('reads prompt files outside a prompts folder by their name, and no other template', async () => {
    assert.equal(isPromptFile('src/ai/reply.prompt.md'), true);
    assert.equal(isPromptFile('src/ai/reply.prompt'), true);
    assert.equal(isPromptFile('src/emails/welcome.hbs'), false);
    assert.equal(isPromptFile('src/plugins/copilot/prompt/prompts.ts'), true);
    assert.equal(isPromptFile('app/api/surveys/generate/prompt.ts'), true);
    assert.equal(isPromptFile('src/components/upgrade-prompt.tsx'), false);
    assert.deepEqual(await scan(added('src/emails/welcome.hbs', 'Hello {{user.email}}')), []);
    assert.equal((await scan(added('src/ai/reply.prompt', 'To: {{user.email}}'))).length, 1);
  });
});
