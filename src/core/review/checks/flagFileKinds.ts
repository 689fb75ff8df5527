// The files whose flags PM Zone can read, by their names alone: what the
// policy asks of an "owned flags only" glob without loading the readers
// (the YAML parser, the script tokenizer) that flagLists.ts holds.
import { SCRIPT_FILE } from '../../text/scriptFile';

/** YAML and JSON (which YAML reads) hold flags as data; scripts as an object or enum. */
export const DATA_FILE = /\.(?:ya?ml|json)$/i;

/** Whether PM Zone can read the flags of files a glob matches, by their extension. */
export function canReadFlagsOf(glob: string): boolean {
  return DATA_FILE.test(glob) || SCRIPT_FILE.test(glob);
}
