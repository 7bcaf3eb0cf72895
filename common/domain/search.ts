/**
 * Diacritic-insensitive matching for pickers and search boxes: "buon ma thuot" finds "Phường
 * Buôn Ma Thuột", "cu mgar" finds "Xã Cư M'gar". Display text is never folded, only compared.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/['\u2019\u2018\u02BC`]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every word of the query appears in the text (any order), after folding both. */
export function matchesSearch(text: string, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const folded = foldForSearch(text);
  return words.every((w) => folded.includes(w));
}
