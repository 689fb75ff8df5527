// Card numbers need Luhn, a major network's prefix and one of its lengths,
// and a place in the text where a card could be written. The corpus of ids
// that are not cards is made the way real apps' ids look (a held-out style
// set, generated from a fixed seed, never tuned against): Facebook-style
// 15-digit ids, ids in `…Id` keys and URLs, EAN-13 barcodes, IMEIs and
// millisecond timestamps, all of them passing Luhn. The cards are generated
// numbers of each network in the sentences a leak would be written in.
import * as assert from 'node:assert/strict';
import { findCardNumbers, isIssuedCardNumber, luhnValid } from '../../../../src/core/review/checks/security/piiDetectors';

/** A small deterministic generator: the corpus is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A number of `length` digits starting with `prefix`, its last digit chosen so that Luhn holds. */
function luhnNumber(prefix: string, length: number, next: () => number): string {
  let body = prefix;
  while (body.length < length - 1) body += String(Math.floor(next() * 10));
  for (let check = 0; check < 10; check++) if (luhnValid(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
}

describe('card numbers: issuer prefix and length, Luhn, and where they are written', () => {
  it('knows each network\'s prefixes and lengths', () => {
    const next = random(7);
    for (const [prefix, length] of [['4', 16], ['4', 13], ['4', 19], ['51', 16], ['55', 16], ['2221', 16], ['2720', 16], ['34', 15], ['37', 15], ['6011', 16], ['3530', 16], ['62', 16]] as const) {
      assert.ok(isIssuedCardNumber(luhnNumber(prefix, length, next)), `${prefix}… with ${length} digits`);
    }
    for (const [prefix, length] of [['4', 15], ['4', 14], ['51', 15], ['34', 16], ['37', 14], ['56', 16], ['1', 16], ['9', 16], ['2100', 16]] as const) {
      assert.ok(!isIssuedCardNumber(luhnNumber(prefix, length, next)), `${prefix}… with ${length} digits`);
    }
  });

  it('held-out ids that pass Luhn are not cards: 2,000 of them, none found', () => {
    const next = random(40);
    const lines: string[] = [];
    for (let i = 0; i < 250; i++) {
      // A 15-digit preset id of a social network's SDK, starting with an issuer digit.
      lines.push(`  "facebookPresetId": "${luhnNumber(String(4 + (i % 3)), 15, next)}",`);
      lines.push(`const FB_APP_ID = '${luhnNumber('4', 15, next)}';`);
      // 16-digit ids in id keys and URLs, with a network's prefix.
      lines.push(`  presetId: ${luhnNumber('4', 16, next)},`);
      lines.push(`{ "app_id": "${luhnNumber('5' + String(1 + (i % 5)), 16, next)}", "ids": ["${luhnNumber('4', 16, next)}", "${luhnNumber('37', 15, next)}"] }`);
      lines.push(`See https://www.facebook.com/business/presets/${luhnNumber('4', 16, next)}/edit for the preset.`);
      // EAN-13 barcodes of German goods (prefix 40–44) under their name, IMEIs, millisecond timestamps.
      lines.push(`  ean: "${luhnNumber(String(40 + (i % 5)), 13, next)}",`);
      lines.push(`IMEI ${luhnNumber('35', 15, next)}`);
      lines.push(`updatedAt: ${luhnNumber('17', 13, next)}`);
    }
    const found = lines.flatMap((line) => findCardNumbers(line).map((match) => `${match.value} in ${line}`));
    assert.deepEqual(found, []);
    assert.equal(lines.length, 2000);
  });

  it('true violations: real-looking cards of each network in copy, a support reply and a prompt are found', () => {
    const next = random(99);
    const cards = [luhnNumber('4', 16, next), luhnNumber('53', 16, next), luhnNumber('2223', 16, next), luhnNumber('37', 15, next), luhnNumber('6011', 16, next), luhnNumber('3530', 16, next)];
    const lines = [
      `"receipt.example": "Charged to card ${cards[0]} on 3 May"`,
      `Customer card: ${cards[1].replace(/(\d{4})(?=\d)/g, '$1 ')}`,
      `  description: 'Refund to ${cards[2].replace(/(\d{4})(?=\d)/g, '$1-')}',`,
      `Use the customer's Amex ${cards[3]} to reproduce the bug.`,
      `{ "card": "${cards[4]}" }`,
      `payment_card = "${cards[5]}"`,
    ];
    assert.deepEqual(lines.map((line) => findCardNumbers(line).length), [1, 1, 1, 1, 1, 1]);
  });

  it('the documented test cards still pass', () => {
    assert.deepEqual(findCardNumbers('Use 4242 4242 4242 4242 or 378282246310005 in test mode.'), []);
  });
});
