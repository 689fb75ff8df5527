import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { textChecksum } from '../../../src/core/textChecksum';

// The check a record of text carries (the guard's shell lines, the command
// line's checklist) is zlib's CRC-32 of the text's UTF-8 bytes, made without
// loading zlib: the same value, so a record written by a release that took it
// from zlib reads back as whole.

describe('textChecksum: a record of text checked without zlib', () => {
  const { crc32 } = zlib as typeof zlib & { crc32?: (data: string | Buffer) => number };
  const texts = ['', 'a', 'git add src/features/checkout/i18n/en.json', 'Café ünïcödé — “quotes”', '日本語のテキスト', 'emoji 🎉 and 𝔘', JSON.stringify({ entries: Array.from({ length: 300 }, (_, at) => ({ command: `echo ${at}`, targets: [] })) })];

  it("gives zlib's CRC-32 of the UTF-8 bytes, in hex", function () {
    if (!crc32) this.skip();
    for (const text of texts) assert.equal(textChecksum(text), (crc32!(Buffer.from(text, 'utf8')) >>> 0).toString(16), text.slice(0, 40));
  });

  it('tells a text cut short or changed by one character', () => {
    const text = texts[texts.length - 1]!;
    assert.notEqual(textChecksum(text.slice(0, -1)), textChecksum(text));
    assert.notEqual(textChecksum(text.replace('echo 7', 'echo 8')), textChecksum(text));
  });
});
