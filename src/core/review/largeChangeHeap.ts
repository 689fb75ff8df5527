import type * as V8 from 'node:v8';

/**
 * How far V8 lets its heap grow past what a full collection left, in
 * percent (V8's own choice goes up to 300), in the review of a change of
 * `LARGE_CHANGE_FILES` files or more. Such a review holds both versions of
 * every changed file until it ends, and garbage piled up on top of them
 * between V8's few full collections: on a change of 10,000 files (35 MB of
 * text) the heap reached four times what a collection had left. On a
 * change of 1,000 files the peak was the same either way, and the more
 * frequent collections cost CPU: smaller changes are reviewed as before.
 */
const HEAP_GROWING_PERCENT = 50;
export const LARGE_CHANGE_FILES = 5_000;

/**
 * For readChange's `onListed`: set once git has listed the change's files,
 * before they are read, so the first full collections come while they are.
 * It sets a flag of the whole process, for the rest of its life: only for a
 * process that reviews and ends (the command line's review, the GitHub
 * Action), never the editor's extension host, which other extensions share.
 */
export function heapForChangeOf(files: number): void {
  // node's v8 module is loaded here, for the few changes this large: about 1 ms of every other review's start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (files >= LARGE_CHANGE_FILES) (require('node:v8') as typeof V8).setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
