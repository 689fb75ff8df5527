// Real commits of public apps, one stack each (Android's
// strings.xml, Apple's .strings and string catalogs, Flutter's ARB, Spring's
// .properties, Fluent), replayed through the whole review from what each
// review read at its commit (test/fixtures/review/replay/formats.json.gz,
// written by `npm run replay -- --list bench/replay/formats.json --record`),
// with the PM edits made on their files. Every blocking finding was judged
// by hand (bench/replay/formats.json labels the right ones); the counts per
// format are asserted, so a drop in recall or precision fails here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT, emptyRow, readRecording, replayed, reviewWith, score, type Row } from '../../../../bench/replay/recording';
import { formatOf, isStringsFile, scanStrings } from '../../../../src/core/review/checks/i18n/stringsFile';
import type { Finding } from '../../../../src/core/types';

const recording = readRecording(readFileSync(join(__dirname, '../../../fixtures/review/replay/formats.json.gz')));
const zone = (repo: string) => readFileSync(join(__dirname, '../../../../bench/replay/zones', `${repo.replace('/', '+')}.md`), 'utf8');

describe('replayed real commits, per strings format', function () {
  this.timeout(300_000);
  const rows = new Map<string, Row>();
  const unread: string[] = [];

  before(async () => {
    for (const entry of recording.entries) {
      const { change, files, search } = replayed(entry, recording.texts);
      const findings = await reviewWith(change, files, zone(entry.repo), search);
      const blocking = findings.filter((found) => CONTENT.test(found.check) && found.blocking);
      const row = rows.get(entry.format ?? '') ?? emptyRow();
      score(row, entry, blocking);
      rows.set(entry.format ?? '', row);
      unread.push(...silentlyUnread(change.files, findings).map((path) => `${entry.repo}@${entry.sha.slice(0, 10)} ${path}`));
    }
  });

  it('no benign edit blocks, every blocker is right, every labelled violation is caught', () => {
    const table = Object.fromEntries([...rows].map(([format, row]) => [format, `${row.commits} entries: ${row.right} / ${row.blocking} right, ${row.benignBlocked} of ${row.benignProbes} benign blocked, ${row.caught} of ${row.labelled} caught`]));
    assert.deepEqual(table, {
      android: '41 entries: 2 / 2 right, 0 of 2 benign blocked, 2 of 2 caught',
      strings: '4 entries: 2 / 2 right, 0 of 1 benign blocked, 2 of 2 caught',
      xcstrings: '3 entries: 2 / 2 right, 0 of 1 benign blocked, 2 of 2 caught',
      arb: '5 entries: 3 / 3 right, 0 of 1 benign blocked, 3 of 3 caught',
      properties: '14 entries: 1 / 1 right, 0 of 1 benign blocked, 1 of 1 caught',
      fluent: '5 entries: 2 / 2 right, 0 of 1 benign blocked, 2 of 2 caught',
    });
  });

  it('reads every changed strings file of a supported kind, or says why not', () => {
    assert.deepEqual(unread, []);
  });
});

/** Changed strings files the layer cannot read and no finding names: read in silence as nothing. */
function silentlyUnread(files: { path: string; newText?: string }[], findings: Finding[]): string[] {
  return files.flatMap((file) => {
    const format = formatOf(file.path);
    if (format === undefined || !isStringsFile(file.path) || file.newText === undefined) return [];
    if (scanStrings(file.newText, format, file.path).ok) return [];
    return findings.some((found) => found.file === file.path) ? [] : [file.path];
  });
}
