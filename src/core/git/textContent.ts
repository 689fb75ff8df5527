import type { BinaryText } from './model';
import { MAX_READABLE_BINARY_BYTES, readableBinaryText } from './binaryText';

/** Git's own rule: a NUL byte in the first 8000 bytes makes a file binary. */
const BINARY_SNIFF_BYTES = 8000;

export function looksBinary(content: Uint8Array): boolean {
  return content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

// Made on first use: a bundle that decodes no UTF-16 (a guard decision) does not build its decoders at start.
const decoders: Partial<Record<'utf8' | 'utf16le' | 'utf16be', InstanceType<typeof TextDecoder>>> = {};
const decoder = (encoding: 'utf-8' | 'utf-16le' | 'utf-16be', name: 'utf8' | 'utf16le' | 'utf16be') => (decoders[name] ??= new TextDecoder(encoding));

/**
 * The text of file content, or undefined when it is binary. A byte order
 * mark is dropped, as editors do, so parsers of JSON and YAML see the
 * content that people see; line endings are kept as written. UTF-16 with a
 * byte order mark (what Windows tools save as "Unicode") is text too, though
 * its NUL bytes would make git call it binary.
 */
export function decodeText(content: Uint8Array): string | undefined {
  if (content[0] === 0xff && content[1] === 0xfe) return decoder('utf-16le', 'utf16le').decode(content);
  if (content[0] === 0xfe && content[1] === 0xff) return decoder('utf-16be', 'utf16be').decode(content);
  return looksBinary(content) ? undefined : decoder('utf-8', 'utf8').decode(content);
}

/** The content of one version of a file. */
export interface FileContent {
  /** The text, or undefined when the content is binary. */
  text: string | undefined;
  binary: boolean;
  size: number;
  /** For binary content, the text that can be read in it (for the security checks); undefined when too large. */
  readable?: string;
  /** Text git's own look at the content calls binary: UTF-16 with a byte order mark, whose NUL bytes git sees (`binaryToGit`). */
  nulBytes?: true;
}

export function fileContent(content: Uint8Array): FileContent {
  const text = decodeText(content);
  if (text !== undefined) return looksBinary(content) ? { text, binary: false, size: content.length, nulBytes: true } : { text, binary: false, size: content.length };
  return { text, binary: true, size: content.length, readable: readableBinaryText(content) };
}

/**
 * Whether `git diff` counts this version as binary by its content alone
 * (`buffer_is_binary`: a NUL byte in the first 8,000 bytes; a file past
 * core.bigFileThreshold), where no attribute decides.
 */
export function binaryToGit(content: FileContent | undefined): boolean {
  return content !== undefined && (content.binary || content.nulBytes === true || content.size > BIG_FILE_THRESHOLD);
}

/** Git's core.bigFileThreshold where it is not set (where it is, git is asked: binaryByContent.ts): a larger file is binary to `git diff`. */
const BIG_FILE_THRESHOLD = 512 * 1024 * 1024;

/** The readable text of both versions of a binary file (a text version reads as itself). */
export function binaryTextOf(oldContent: FileContent | undefined, newContent: FileContent | undefined): BinaryText {
  const readable = (content: FileContent | undefined): string | undefined => content?.text ?? content?.readable;
  const after = readable(newContent);
  const unread = newContent !== undefined && after === undefined
    ? `a binary file of ${(newContent.size / 1024 / 1024).toFixed(0)} MB, larger than the ${MAX_READABLE_BINARY_BYTES / 1024 / 1024} MB that are read`
    : undefined;
  return { before: readable(oldContent), after, ...(unread ? { unread } : {}) };
}
