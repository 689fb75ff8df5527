// docs/cli.md against the command table (src/cli/commands.ts), which --help
// and the shell completions are written from: one row per command, its
// first cell the command's usage line exactly, in the table's order. A new
// option, a renamed flag or a new command fails here until the reference
// says the same.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../../src/cli/commands';
import { GLOBAL_OPTIONS } from '../../../src/cli/options';
import { descendants, parseMarkdown, plainText } from '../../../src/core/text/markdown';

const reference = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'cli.md'), 'utf8');

/** The first cell of each row of the table whose header starts "command". */
function commandRows(): string[] {
  const table = descendants(parseMarkdown(reference), 'table').find((candidate) => plainText(candidate.children[0].children[0]) === 'command');
  assert.ok(table, 'docs/cli.md has the table of commands');
  return table.children.slice(1).map((row) => plainText(row.children[0]));
}

describe('docs/cli.md and the command table', () => {
  it("lists every command once, in the table's order, with its usage line as --help prints it", () => {
    assert.deepEqual(commandRows(), COMMANDS.map((command) => command.usage));
  });

  it('names every global option --help lists', () => {
    for (const name of Object.keys(GLOBAL_OPTIONS)) assert.ok(reference.includes(`--${name}`), `--${name}`);
    for (const flag of ['--version', 'NO_COLOR', 'FORCE_COLOR', 'completion bash|zsh|fish']) assert.ok(reference.includes(flag), flag);
  });
});
