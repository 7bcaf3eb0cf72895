import type { Procedure } from './procedures';
import { compactForSearch, foldForSearch } from './search';

/**
 * Procedure search for the wizard's step 2: by name or code, diacritic-insensitive ("dang ky
 * khai sinh" finds "Thủ tục đăng ký khai sinh", đ→d), blind to where the tone sits and to i/y
 * spelling ("dang ki", "qui"; see foldForSearch), to missing spaces ("dangky khaisinh") and to a
 * typo or two per word, ranked so that what the citizen most likely meant comes first:
 *   exact code > code or name prefix > every word present > the letters present with spaces
 *   left out > every word within a small edit distance > the letters within a small edit distance.
 * Pure: the catalog comes in, a ranked list goes out.
 */
export const MatchRank = { exactCode: 0, prefix: 1, allWords: 2, joined: 3, fuzzy: 4, fuzzyJoined: 5 } as const;
export type MatchRank = (typeof MatchRank)[keyof typeof MatchRank];

export interface ProcedureMatch {
  procedure: Procedure;
  rank: MatchRank;
  /** How many query words are whole words of the name: breaks ties within a rank. */
  wholeWords: number;
}

/** Most names begin with "Thủ tục …"; a citizen starts typing at the part that says what it is. */
const leadingFiller = /^thu tuc /;

const words = (folded: string) => folded.split(/[^a-z0-9]+/).filter(Boolean);

/** Codes are compared without their dots, so "1001193" and "1.001193" both find 1.001193. */
const bareCode = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** How many edits a word of this length may carry and still count: none for short words. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps: "dagn" → "dang"), giving
 * up as soon as it exceeds `max` so a long catalog stays cheap to scan.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The fewest edits that turn `query` into some stretch of `text` (approximate substring match):
 * "dangkykhaisin" is one edit from a stretch of "dangkykhaisinh". Gives up past `max`.
 */
export function substringDistance(query: string, text: string, max: number): number {
  let prev = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= query.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= text.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (query[i - 1] === text[j - 1] ? 0 : 1));
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = row;
  }
  return Math.min(...prev);
}

function wordMatchesFuzzily(queryWord: string, nameWords: readonly string[]): boolean {
  const max = allowedEdits(queryWord.length);
  return nameWords.some((w) => {
    if (max === 0) return w.startsWith(queryWord);
    // The word being typed may be unfinished: compare against the name word's prefix too.
    const prefix = w.slice(0, queryWord.length);
    return editDistance(queryWord, w, max) <= max || (w.length > queryWord.length && editDistance(queryWord, prefix, max) <= max);
  });
}

function rankOf(procedure: Procedure, foldedQuery: string, queryWords: readonly string[]): MatchRank | null {
  const code = bareCode(procedure.code);
  const q = bareCode(foldedQuery);
  if (q.length > 0 && code === q) return MatchRank.exactCode;

  const name = foldForSearch(procedure.name);
  const nameWithoutFiller = name.replace(leadingFiller, '');
  const looksLikeCode = /^[0-9.]+$/.test(foldedQuery);
  if (looksLikeCode && q.length >= 2 && code.startsWith(q)) return MatchRank.prefix;
  if (name.startsWith(foldedQuery) || nameWithoutFiller.startsWith(foldedQuery)) return MatchRank.prefix;

  // The filler is in almost every name: "tu" must not match every procedure through "tục".
  const nameWords = words(`${nameWithoutFiller} ${foldForSearch(procedure.field)}`);
  if (queryWords.every((qw) => nameWords.some((w) => w.startsWith(qw)))) return MatchRank.allWords;
  // Spaces left out or put in the wrong place: compare the letters alone.
  const compactQuery = compactForSearch(foldedQuery);
  const compactName = compactForSearch(nameWithoutFiller);
  if (compactQuery.length >= 4 && compactName.includes(compactQuery)) return MatchRank.joined;
  if (queryWords.every((qw) => wordMatchesFuzzily(qw, nameWords))) return MatchRank.fuzzy;
  const max = Math.min(2, allowedEdits(compactQuery.length));
  if (compactQuery.length >= 8 && substringDistance(compactQuery, compactName, max) <= max) return MatchRank.fuzzyJoined;
  return null;
}

/** Ranked matches; an empty query lists everything (optionally one field) in catalog order. */
export function searchProcedures(
  procedures: readonly Procedure[],
  query: string,
  opts: { field?: string | null; limit?: number } = {},
): ProcedureMatch[] {
  const pool = opts.field ? procedures.filter((p) => p.field === opts.field) : procedures;
  const folded = foldForSearch(query);
  const queryWords = words(folded);
  if (queryWords.length === 0) {
    return pool.slice(0, opts.limit ?? pool.length).map((procedure) => ({ procedure, rank: MatchRank.allWords, wholeWords: 0 }));
  }

  const matches: ProcedureMatch[] = [];
  for (const procedure of pool) {
    const rank = rankOf(procedure, folded, queryWords);
    if (rank === null) continue;
    const nameWords = new Set(words(foldForSearch(procedure.name)));
    matches.push({ procedure, rank, wholeWords: queryWords.filter((w) => nameWords.has(w)).length });
  }
  // Within a rank, more whole-word matches, then shorter names: "Đăng ký khai sinh" before
  // "Đăng ký lại khai sinh".
  matches.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.wholeWords - a.wholeWords ||
      a.procedure.name.length - b.procedure.name.length ||
      a.procedure.code.localeCompare(b.procedure.code),
  );
  return matches.slice(0, opts.limit ?? matches.length);
}

/** The fields (lĩnh vực) to browse by, with how many procedures each has, in Vietnamese order. */
export function procedureFields(procedures: readonly Procedure[]): Array<{ field: string; count: number }> {
  const counts = new Map<string, number>();
  for (const p of procedures) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
  return [...counts.entries()].map(([field, count]) => ({ field, count })).sort((a, b) => a.field.localeCompare(b.field, 'vi'));
}
