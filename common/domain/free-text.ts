/**
 * What a person can type or read in free text that goes to the provincial API (street details,
 * a complaint). Refused, never silently stripped — the citizen sees what was wrong and the text
 * the API receives is exactly the text they confirmed:
 * - control characters (C0 incl. NUL and ESC, DEL, C1): invisible, and ESC/NUL reach the receipt
 *   printer and the API's logs as commands or truncations. Tab, CR and LF are whitespace and are
 *   folded by the normaliser instead.
 * - lone surrogates: a broken UTF-16 string that cannot be encoded as UTF-8 (it would arrive at
 *   the API as U+FFFD, a different text from the one on the receipt).
 * - format characters (Unicode Cf): the bidi overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069, LRM/RLM/ALM) make an address read differently on screen than in the file
 *   ("Trojan Source"); zero-width characters and the BOM make two equal-looking texts differ.
 *   Vietnamese text never needs one.
 * - U+FFFD and the noncharacters U+FFFE/U+FFFF: the marks of text already broken by a bad decode.
 */
const refused = /[\p{Cc}\p{Cs}\p{Cf}\uFFFD\uFFFE\uFFFF]/u;
const allowedControls = /[\t\n\r]/g;

export function hasForbiddenCharacters(text: string): boolean {
  return refused.test(text.replace(allowedControls, ' '));
}
