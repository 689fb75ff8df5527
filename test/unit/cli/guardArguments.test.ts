import * as assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import { guardArguments } from '../../../src/cli/guardArguments';
import { AGENTS } from '../../../src/core/agents/model';

// The hooks' line is read without Node's argument parser: every reading is held to the parser's.
describe("the guard's arguments", () => {
  const parsed = (args: string[]) => {
    try {
      return { values: { ...parseArgs({ args, options: { agent: { type: 'string' }, 'policy-file': { type: 'string' }, 'codeowners-flavor': { type: 'string' } }, strict: true }).values } };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  const read = (args: string[]) => {
    try {
      return { values: { ...guardArguments(args) } };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };

  it('reads every line as parseArgs reads it', () => {
    const lines: string[][] = [
      ...AGENTS.map((agent) => ['--agent', agent]),
      ...AGENTS.map((agent) => [`--agent=${agent}`]),
      ['--agent', 'nobody'], ['--agent', ''], ['--agent', '-x'], ['--agent'], [], ['claude'], ['--agent', 'claude', 'extra'],
      ['--agent', 'claude', '--agent', 'codex'], ['--agent', 'claude', '--policy-file', 'POLICY.md'], ['--policy-file', 'POLICY.md', '--agent', 'claude'],
      ['--agent', 'claude', '--codeowners-flavor', 'gitlab'], ['--bogus'], ['--agent', 'claude', '--bogus'], ['-a', 'claude'], ['--AGENT', 'claude'], ['--', '--agent', 'claude'],
    ];
    for (const line of lines) assert.deepEqual(read(line), parsed(line), JSON.stringify(line));
  });
});
