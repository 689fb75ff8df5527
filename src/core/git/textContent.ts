/** Git's own rule: a NUL byte in the first 8000 bytes makes a file binary. */
const BINARY_SNIFF_BYTES = 8000;

export function looksBinary(content: Uint8Array): boolean {
  return content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

const utf8 = new TextDecoder('utf-8');

/**
 * The text of file content, or undefined when it is binary. A UTF-8 byte
 * order mark is dropped, as editors do, so parsers of JSON and YAML see the
 * content that people see; line endings are kept as written.
 */
export function decodeText(content: Uint8Array): string | undefined {
  return looksBinary(content) ? undefined : utf8.decode(content);
}

/** The content of one version of a file. */
export interface FileContent {
  /** The text, or undefined when the content is binary. */
  text: string | undefined;
  binary: boolean;
  size: number;
}

export function fileContent(content: Uint8Array): FileContent {
  const text = decodeText(content);
  return { text, binary: text === undefined, size: content.length };
}
