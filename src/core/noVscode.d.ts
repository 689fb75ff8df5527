// What an import of the `vscode` module resolves to in the core's, the command line's
// and the Action's type checks (the `paths` of src/core/tsconfig.json and
// src/cli/tsconfig.json): a file that is not a module, so any such import
// fails with "is not a module". Without it, TypeScript would find
// node_modules/@types/vscode by module resolution, whatever `types` says.
// Only src/vscode/ and src/extension.ts may use the vscode API.
