import * as assert from 'node:assert/strict';
import { MAX_READABLE_BINARY_BYTES, readableBinaryText } from '../../../src/core/git/binaryText';

const utf16 = (text: string, bom: boolean): Buffer => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);

describe('readableBinaryText', () => {
  it('keeps the lines of text with a stray NUL, numbered as in the file', () => {
    assert.equal(readableBinaryText(Buffer.from('header\u0000\nshort\nAPI_KEY=value-after-nul\n')), '\n\nAPI_KEY=value-after-nul\n');
  });

  it('decodes UTF-16 with a byte-order mark, either way round, and without one', () => {
    const text = 'first line\r\nsecond line here\r\n';
    assert.equal(readableBinaryText(utf16(text, true)), 'first line\nsecond line here\n');
    assert.equal(readableBinaryText(utf16(text, false)), 'first line\nsecond line here\n');
    const bigEndian = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    assert.equal(readableBinaryText(bigEndian), 'first line\nsecond line here\n');
  });

  it('keeps printable runs of binary data apart, so two runs never make one token', () => {
    const data = Buffer.concat([Buffer.from([0x89, 1, 2]), Buffer.from('tEXtComment'), Buffer.from([0, 7]), Buffer.from('ABCDEFGHIJ'), Buffer.from([0xff, 0x41, 0x42])]);
    assert.equal(readableBinaryText(data), 'tEXtComment ABCDEFGHIJ');
  });

  it('drops runs too short to be text, and counts lines by line feeds only', () => {
    assert.equal(readableBinaryText(Buffer.from([0x41, 0x42, 0, 0x0d, 0x43, 0x0a, 0x44])), '\n');
  });

  it('reads nothing past the size limit', () => {
    assert.equal(readableBinaryText(Buffer.alloc(MAX_READABLE_BINARY_BYTES + 1)), undefined);
    assert.equal(readableBinaryText(Buffer.alloc(16)), '');
  });
});
