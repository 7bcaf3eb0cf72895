/**
 * Line wrapping for receipts. A receipt column holds one grapheme: "ế" is one cell whether it is
 * stored as one code point or as e + circumflex + acute, so widths are counted in grapheme
 * clusters, and a break can only fall between clusters — a tone mark never lands on the next line.
 *
 * Vietnamese writes every syllable apart, so a space is not always a place to break: "tra cứu",
 * "hồ sơ", "14:05 ngày 28/11/2026" are one thing each. Text that must stay together joins its
 * parts with a no-break space (`keep`); the printed line has ordinary spaces.
 */

/** A phrase that is never broken across lines (its spaces become no-break spaces). */
export function keep(phrase: string): string {
  return phrase.replace(/ /g, NBSP);
}
const NBSP = '\u00a0';

/** The line as printed: no-break spaces are ordinary ones on paper. */
export function plainSpaces(line: string): string {
  return line.replaceAll(NBSP, ' ');
}

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** How many receipt columns a string takes. */
export function columnsOf(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}

/**
 * Breaks one paragraph into lines of at most `width` columns. Words (runs without spaces) are
 * never split unless a single word is wider than the line; such a word is cut at grapheme
 * boundaries only. Runs of spaces collapse to one; lines never start or end with a space.
 * `indent` spaces start every line after the first (a hanging indent for "Label: value").
 */
export function wrapText(text: string, width: number, indent = 0): string[] {
  if (!Number.isInteger(width) || width < 1) throw new RangeError('width must be a positive integer');
  const pad = ' '.repeat(Math.min(Math.max(0, indent), width - 1));
  // Only ordinary white space breaks; a no-break space belongs to its word, unless the kept
  // phrase is wider than any line could be: then it breaks at its own spaces after all.
  const room = width - pad.length;
  const words = text
    .normalize('NFC')
    .split(/[ \t\n\r]+/)
    .flatMap((w) => (columnsOf(w) > room ? w.split(NBSP) : [w]))
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  /** Columns taken before any word on the current line: the hanging indent after line one. */
  const lineStart = () => (lines.length === 0 ? 0 : pad.length);
  const flush = () => {
    lines.push(line);
    line = pad;
    used = pad.length;
  };
  for (const word of words) {
    const size = columnsOf(word);
    const empty = used === lineStart();
    if (used + size + (empty ? 0 : 1) <= width) {
      line += empty ? word : ` ${word}`;
      used += size + (empty ? 0 : 1);
      continue;
    }
    if (!empty) flush();
    if (used + size <= width) {
      line += word;
      used += size;
      continue;
    }
    // Wider than a whole line: cut at grapheme boundaries, never inside a letter's marks.
    for (const g of graphemes(word)) {
      if (used >= width) flush();
      line += g;
      used += 1;
    }
  }
  if (lines.length === 0 || used > lineStart()) lines.push(line);
  return lines.map(plainSpaces);
}

/** Pads a line to `width` columns, centred (odd spare column goes right). */
export function center(line: string, width: number): string {
  const spare = Math.max(0, width - columnsOf(line));
  return ' '.repeat(Math.floor(spare / 2)) + line;
}
