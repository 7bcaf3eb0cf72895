/**
 * Search text as Vietnamese citizens type it, for pickers and search boxes. Display text is
 * never changed, only compared. Both sides are folded the same way, so every variant of a spelling
 * meets the others:
 * - diacritics and case go ("buon ma thuot" finds "Phường Buôn Ma Thuột"), đ is d, and with the
 *   marks goes every question of where the tone sits ("hoà"/"hòa", "thuỷ"/"thủy");
 * - the apostrophes of Ê Đê and J'rai names go ("cu mgar" finds "Xã Cư M'gar");
 * - i and y that are the whole vowel after a consonant are one letter ("ky"/"ki", "ly"/"li",
 *   "quy"/"qui", "my"/"mi"): both spellings are in everyday use. A "y" after a vowel ("tay",
 *   "thuy") or before one ("quyen", "tuyen") is left alone.
 */
export function foldForSearch(text: string): string {
  return canonicalSpelling(
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .replace(/['\u2019\u2018\u02BC`]/g, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** i/y after a consonant (or "qu") with no vowel following: one letter for search ("ki" = "ky"). */
function canonicalSpelling(folded: string): string {
  return folded.replace(/(?<=(?:^|[^aeiouy])(?:qu|[bcdghklmnprstvx]))y(?![aeiouy])/g, 'i');
}

/** The folded text without spaces: "khai sinh" and "khaisinh" are the same search. */
export function compactForSearch(folded: string): string {
  return folded.replace(/[^a-z0-9]/g, '');
}

/**
 * Every word of the query appears in the text (any order), after folding both; or, for a citizen
 * who left out the spaces ("buonmathuot"), the query without spaces appears in the text without them.
 */
export function matchesSearch(text: string, query: string): boolean {
  const foldedQuery = foldForSearch(query);
  const words = foldedQuery.split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const folded = foldForSearch(text);
  if (words.every((w) => folded.includes(w))) return true;
  const q = compactForSearch(foldedQuery);
  return q.length >= 4 && compactForSearch(folded).includes(q);
}
