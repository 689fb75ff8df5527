// The walls the build keeps: only src/vscode/ and src/extension.ts may use
// the vscode API. A file that imports it anywhere else fails `npm run
// compile` (the core's and the command line's type checks resolve 'vscode'
// to src/core/noVscode.d.ts, which is not a module), and only the
// extension's bundle treats 'vscode' as external (the core's, the command
// line's and the Action's fail on it instead of crashing when they run).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { builds, checkReleaseIsAscii } from '../../scripts/build.mjs';
import { repositoryRoot } from './support/program';

interface Run {
  code: number;
  output: string;
}

function run(program: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd: repositoryRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const USES_VSCODE = "import * as vscode from 'vscode';\n\nexport const shown = () => vscode.window.showInformationMessage('a wall was crossed');\n";

describe('the walls around the vscode API', function () {
  this.timeout(300_000);

  describe('a file outside src/vscode/ that imports vscode', () => {
    // Unique names, removed whatever happens: the scratch files sit in the source tree only while these tests run.
    const scratch = ['src/core', 'src/cli', 'src/action'].map((folder) => `${folder}/zzWallTest${process.pid}.ts`);
    let compile: Run;
    let cliCheck: Run;

    before(async () => {
      try {
        for (const file of scratch) writeFileSync(path.join(repositoryRoot, file), USES_VSCODE);
        const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
        [compile, cliCheck] = await Promise.all([
          run(npm, ['run', 'compile']),
          run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'src/cli/tsconfig.json']),
        ]);
      } finally {
        for (const file of scratch) rmSync(path.join(repositoryRoot, file), { force: true });
      }
    });

    it('in src/core fails npm run compile, naming the file', () => {
      assert.notEqual(compile.code, 0, compile.output);
      assert.match(compile.output, new RegExp(`src/core/zzWallTest${process.pid}\\.ts\\(1,25\\): error TS2306: File '.*noVscode\\.d\\.ts' is not a module`));
    });

    it("in src/cli or src/action fails the command line's type check, naming each file", () => {
      assert.notEqual(cliCheck.code, 0, cliCheck.output);
      for (const folder of ['cli', 'action']) assert.match(cliCheck.output, new RegExp(`src/${folder}/zzWallTest${process.pid}\\.ts\\(1,25\\): error TS2306`));
    });
  });

  it("leaves vscode external in the extension's bundle only: every other bundle fails on it", async () => {
    const outcomes: Record<string, string> = {};
    for (const options of builds) {
      const bundle = String(options.outfile);
      // The bundle's own options, with an entry point that imports vscode as a side effect (which no type check sees).
      const result = await build({ ...options, entryPoints: undefined, stdin: { contents: "import 'vscode';\n", resolveDir: path.join(repositoryRoot, 'src', 'core'), sourcefile: 'src/core/sideEffect.ts', loader: 'ts' }, outfile: undefined, write: false, logLevel: 'silent', absWorkingDir: repositoryRoot }).then(
        (built) => (built.outputFiles[0]?.text.includes('require("vscode")') ? 'external' : 'bundled'),
        (error: Error) => (/imports 'vscode': only src\/vscode\/ and src\/extension\.ts may/.test(error.message) ? 'refused' : error.message),
      );
      outcomes[bundle] = result;
    }
    assert.deepEqual(outcomes, { 'dist/extension.js': 'external', 'dist/core.js': 'refused', 'dist/editor-policy.js': 'refused', 'dist/vega.js': 'refused', 'dist/action.js': 'refused', 'dist/cli.js': 'refused', 'dist/run.js': 'refused', 'dist/zone.js': 'refused', 'dist/review.js': 'refused', 'dist/review-libraries.js': 'refused', 'dist/config.js': 'refused', 'dist/guard.js': 'refused', 'dist/guard-libraries.js': 'refused', 'dist/guard-glob.js': 'refused', 'dist/shell-parser.js': 'refused' });
  });

  it('fails a release whose bundle holds a character past ASCII, which esbuild leaves in a regular expression\'s literal, and names where', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'pm-zone-ascii-'));
    try {
      const zone = builds.find((options) => options.outfile === 'dist/zone.js')!;
      const bundleOf = async (name: string, contents: string) =>
        build({ ...zone, entryPoints: undefined, stdin: { contents, resolveDir: path.join(repositoryRoot, 'src', 'core'), sourcefile: 'src/core/apostrophe.ts', loader: 'ts' }, outfile: path.join(folder, name), minify: true, sourcemap: false, logLevel: 'silent', absWorkingDir: repositoryRoot });
      await bundleOf('escaped.js', "export const words = (text: string) => text.replace(/[\\u2019']/g, ' ') + '\u2019 in a string';\n");
      assert.doesNotThrow(() => checkReleaseIsAscii(folder), 'an escape in the literal, and the character in a string, which esbuild escapes');
      await bundleOf('literal.js', "export const words = (text: string) => text.replace(/[\u2019']/g, ' ');\n");
      assert.throws(() => checkReleaseIsAscii(folder), /literal\.js holds a character past ASCII at byte \d+ \(.*replace\(\/\[\u2019/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
