// Plain folders (not git repositories) holding policy files, for the
// commands that read only CLAUDE.md and CODEOWNERS.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tempRepo';
import { writeFiles } from './sampleRepo';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'cli');

/** The bytes of a fixture under test/fixtures/cli. */
export function fixture(relPath: string): Promise<Buffer> {
  return fs.readFile(path.join(FIXTURES, ...relPath.split('/')));
}

/** The text of a fixture with CRLF line endings and, optionally, a UTF-8 byte-order mark. */
export async function windowsText(relPath: string, options: { bom?: boolean } = {}): Promise<string> {
  const text = (await fixture(relPath)).toString('utf8').replace(/\n/g, '\r\n');
  return options.bom ? `\uFEFF${text}` : text;
}

/** A new plain folder holding `files`; returns its path. */
export async function policyFolder(files: Record<string, string | Buffer>): Promise<string> {
  const root = await tempDir('policy');
  await writeFiles(root, files);
  return root;
}
