import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCp1258, encodeCp1258 } from '../../main/services/printing/cp1258';
import { vietnameseLetters } from '../support/receipts';

/** glibc's converter, the oracle: it composes cp1258 the way Windows does. */
function glibc(text: string): Uint8Array {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'CP1258'], { input: Buffer.from(text, 'utf8') });
  if (r.status !== 0) throw new Error(`iconv failed: ${r.stderr.toString()}`);
  return new Uint8Array(r.stdout);
}

const hasIconv = spawnSync('iconv', ['--version']).status === 0;

describe('WPC1258 (Windows-1258) encoding', () => {
  const letters = vietnameseLetters();

  it('there are 134 precomposed Vietnamese letters, 67 lower and 67 upper case', () => {
    expect(letters).toHaveLength(134);
    expect(new Set(letters).size).toBe(134);
    expect(letters.filter((c) => c === c.toLowerCase())).toHaveLength(67);
    expect(letters.every((c) => c.length === 1 && c === c.normalize('NFC'))).toBe(true);
  });

  it('every Vietnamese letter encodes without loss and decodes back to the same NFC letter', () => {
    for (const letter of letters) {
      const { bytes, unencodable } = encodeCp1258(letter);
      expect(unencodable, letter).toEqual([]);
      expect(bytes.includes(0x3f), letter).toBe(false);
      expect(decodeCp1258(bytes), letter).toBe(letter);
    }
  });

  it('keeps circumflex, breve and horn in the letter and the tone as a combining byte', () => {
    expect([...encodeCp1258('ấ').bytes]).toEqual([0xe2, 0xec]);
    expect([...encodeCp1258('Ự').bytes]).toEqual([0xdd, 0xf2]);
    expect([...encodeCp1258('ẵ').bytes]).toEqual([0xe3, 0xde]);
    expect([...encodeCp1258('ở').bytes]).toEqual([0xf5, 0xd2]);
    expect([...encodeCp1258('Đắk Lắk').bytes]).toEqual([0xd0, 0xe3, 0xec, 0x6b, 0x20, 0x4c, 0xe3, 0xec, 0x6b]);
  });

  it.skipIf(!hasIconv)('matches glibc iconv byte for byte on all 134 letters', () => {
    // One iconv run, one letter per line.
    const theirs = Buffer.from(glibc(letters.join('\n'))).toString('latin1').split('\n');
    letters.forEach((letter, i) => expect(Buffer.from(encodeCp1258(letter).bytes).toString('latin1'), letter).toBe(theirs[i]));
  });

  it.skipIf(!hasIconv)('matches glibc iconv on random Vietnamese text, whether typed NFC or NFD', () => {
    const alphabet = [...letters, ...'abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY0123456789 .,:-/()\''];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), fc.boolean(), (chars, nfd) => {
        const text = chars.join('');
        const input = nfd ? text.normalize('NFD') : text;
        const ours = encodeCp1258(input).bytes;
        expect([...ours]).toEqual([...glibc(text)]);
        expect(decodeCp1258(ours)).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('prints a character cp1258 cannot spell as its bare letter, or "?", and reports it', () => {
    const r = encodeCp1258('Şơn 日');
    expect(decodeCp1258(r.bytes)).toBe('Sơn ?');
    expect(r.unencodable).toEqual(['Ş', '日']);
  });
});
