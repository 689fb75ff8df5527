// Which files are scripts, by name alone: a module of its own, so that a
// question about a file's kind does not load the tokenizer (code.ts).

/** Code the script helpers of code.ts can read; Vue and Svelte files are read one line of their template at a time. */
export const SCRIPT_FILE = /\.(?:[cm]?[jt]sx?)$/i;
