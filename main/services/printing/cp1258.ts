/**
 * Windows-1258 (WPC1258), the Vietnamese code page of ESC/POS printers, done the way the code page
 * needs it. cp1258 has the vowels with circumflex, breve and horn (â ê ô ă ơ ư, and đ) as single
 * bytes, a few toned Latin-1 letters (à á è é …), and the five tone marks only as *combining*
 * bytes that follow their vowel. So "ấ" is â (0xE2) + acute (0xEC), never a byte of its own.
 * iconv-lite's windows1258 maps code points one to one and turns 104 of the 134 precomposed
 * Vietnamese letters into "?"; glibc's `iconv -t CP1258` does this composition, and our tests
 * compare against it byte for byte.
 */

/** Code points of bytes 0x80–0xFF; -1 where cp1258 leaves the byte undefined. */
const HIGH: readonly number[] = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, -1, 0x2039, 0x0152, -1, -1, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, -1, 0x203a, 0x0153, -1, -1, 0x0178,
  0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7, 0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
  0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7, 0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
  0x00c0, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x00c5, 0x00c6, 0x00c7, 0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x0300, 0x00cd, 0x00ce, 0x00cf,
  0x0110, 0x00d1, 0x0309, 0x00d3, 0x00d4, 0x01a0, 0x00d6, 0x00d7, 0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x01af, 0x0303, 0x00df,
  0x00e0, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x00e5, 0x00e6, 0x00e7, 0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x0301, 0x00ed, 0x00ee, 0x00ef,
  0x0111, 0x00f1, 0x0323, 0x00f3, 0x00f4, 0x01a1, 0x00f6, 0x00f7, 0x00f8, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x01b0, 0x20ab, 0x00ff,
];

const byteOf = new Map<number, number>();
HIGH.forEach((cp, i) => {
  if (cp >= 0) byteOf.set(cp, 0x80 + i);
});

/** The five Vietnamese tones; cp1258 has them only as combining marks. */
const TONE_MARKS = new Set([0x0300, 0x0301, 0x0303, 0x0309, 0x0323]);

export interface EncodeResult {
  bytes: Uint8Array;
  /** Characters that have no cp1258 spelling, each printed as "?" (or its bare letter). */
  unencodable: string[];
}

function encodeCodePoint(cp: number): number | undefined {
  if (cp < 0x80) return cp;
  return byteOf.get(cp);
}

/**
 * Encodes text for a printer set to WPC1258. Each NFC character is written whole when cp1258 has
 * it (À → 0xC0, as glibc does); otherwise it is split into its letter — recomposed with
 * circumflex, breve or horn — and a combining tone byte (ấ → â + 0xEC). A character with no
 * spelling at all prints as its bare Latin letter if it has one (ş → s), else "?".
 */
export function encodeCp1258(text: string): EncodeResult {
  const out: number[] = [];
  const unencodable: string[] = [];
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    const whole = encodeCodePoint(cp);
    if (whole !== undefined) {
      out.push(whole);
      continue;
    }
    const parts = Array.from(ch.normalize('NFD'), (c) => c.codePointAt(0)!);
    const tones = parts.filter((p) => TONE_MARKS.has(p));
    const letter = String.fromCodePoint(...parts.filter((p) => !TONE_MARKS.has(p))).normalize('NFC');
    const letterBytes = Array.from(letter, (c) => encodeCodePoint(c.codePointAt(0)!));
    const toneBytes = tones.map((p) => byteOf.get(p)!);
    if (letter.length > 0 && letterBytes.every((b) => b !== undefined)) {
      out.push(...(letterBytes as number[]), ...toneBytes);
      continue;
    }
    unencodable.push(ch);
    const bare = parts[0]!;
    out.push(bare < 0x80 && bare >= 0x20 ? bare : 0x3f);
  }
  return { bytes: Uint8Array.from(out), unencodable };
}

/** Decodes cp1258 bytes back to NFC text (the emulator's side of the wire). */
export function decodeCp1258(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b < 0x80) s += String.fromCharCode(b);
    else {
      const cp = HIGH[b - 0x80]!;
      s += cp >= 0 ? String.fromCodePoint(cp) : '\ufffd';
    }
  }
  return s.normalize('NFC');
}
