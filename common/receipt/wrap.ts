/**
 * Line wrapping for receipts. A receipt column holds one grapheme: "ế" is one cell whether it is
 * stored as one code point or as e + circumflex + acute, so widths are counted in grapheme
 * clusters, and a break can only fall between clusters — a tone mark never lands on the next line.
 */

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
  const words = text.normalize('NFC').split(/\s+/).filter((w) => w.length > 0);
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
  return lines;
}

/** Pads a line to `width` columns, centred (odd spare column goes right). */
export function center(line: string, width: number): string {
  const spare = Math.max(0, width - columnsOf(line));
  return ' '.repeat(Math.floor(spare / 2)) + line;
}
