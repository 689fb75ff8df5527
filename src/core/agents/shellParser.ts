// The bash grammar of tree-sitter (tree-sitter-bash), run by web-tree-sitter:
// both WebAssembly, loaded on the first shell command a hook judges and
// never for any other tool. Bundled apart as dist/shell-parser.js, with the
// two .wasm files beside it; from the sources (the tests), read from the
// packages that ship them.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';
import { readSignedFile } from './guardKeys';

/** A node of the grammar's tree, as far as the line's reader (shellWrites.ts) reads it; web-tree-sitter's Node is one. */
export interface ShellNode {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly hasError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: ShellNode[];
  readonly namedChildren: ShellNode[];
  childForFieldName(fieldName: string): ShellNode | null;
  childrenForFieldName(fieldName: string): ShellNode[];
}

/** A parser of bash command lines: one tree per line, freed when its reader is done with it. */
export interface BashParser {
  read<T>(text: string, use: (root: ShellNode) => T): T;
}

let loading: Promise<BashParser> | undefined;

/** The parser, loaded once per process. */
export function loadBashParser(): Promise<BashParser> {
  loading ??= load();
  return loading;
}

async function load(): Promise<BashParser> {
  // Only the guard's processes load this module, each for one decision: optimising the grammar's hot
  // functions in the background would make the process wait for that work at exit (half a second and
  // more); the baseline compiler alone parses a command line in well under a millisecond.
  setFlagsFromString('--liftoff-only');
  await Parser.init({ wasmBinary: readSignedFile(wasmFile('web-tree-sitter.wasm', 'web-tree-sitter')) });
  const language = await Language.load(readSignedFile(wasmFile('tree-sitter-bash.wasm', 'tree-sitter-bash')));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    read(text, use) {
      const tree = parser.parse(text);
      if (!tree) throw new Error('the bash parser gave no tree');
      try {
        return use(tree.rootNode);
      } finally {
        tree.delete();
      }
    },
  };
}

/** Beside the bundle (dist/), else in the package that ships it (running from the sources). */
function wasmFile(name: string, packageName: string): string {
  const beside = path.join(__dirname, name);
  return existsSync(beside) ? beside : require.resolve(`${packageName}/${name}`);
}
