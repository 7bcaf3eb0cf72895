import type { Procedure } from './procedures';
import { compactForSearch, foldForSearch } from './search';

/**
 * Procedure search for the wizard's step 2: by name or code, diacritic-insensitive ("dang ky
 * khai sinh" finds "Thủ tục đăng ký khai sinh", đ→d), blind to where the tone sits and to i/y
 * spelling ("dang ki", "qui"; see foldForSearch), to missing spaces ("dangky khaisinh") and to a
 * typo or two per word, ranked so that what the citizen most likely meant comes first:
 *   exact code > code or name prefix > every word present > the letters present with spaces
 *   left out > every word within a small edit distance > the letters within a small edit distance.
 * The catalog is folded and indexed once (buildProcedureIndex); each keystroke then reads the
 * index. Pure but for the index's cache of the words typed so far.
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
  let [prev2, prev, row] = rows(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length]!;
}

/**
 * The fewest edits that turn `query` into some stretch of `text` (approximate substring match):
 * "dangkykhaisin" is one edit from a stretch of "dangkykhaisinh". Gives up past `max`.
 */
export function substringDistance(query: string, text: string, max: number): number {
  let [, prev, row] = rows(text.length + 1);
  prev.fill(0, 0, text.length + 1);
  for (let i = 1; i <= query.length; i++) {
    row[0] = i;
    let rowMin = i;
    const q = query.charCodeAt(i - 1);
    for (let j = 1; j <= text.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (q === text.charCodeAt(j - 1) ? 0 : 1));
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, row] = [row, prev];
  }
  let best = prev[0]!;
  for (let j = 1; j <= text.length; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

/** Three rows of scratch space for the distances above, reused: thousands of calls per keystroke. */
let scratch: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
function rows(length: number): [Int32Array, Int32Array, Int32Array] {
  if (scratch[0].length < length) scratch = [new Int32Array(length * 2), new Int32Array(length * 2), new Int32Array(length * 2)];
  return [scratch[0], scratch[1], scratch[2]];
}

/**
 * A procedure as search reads it, folded once when the catalog arrives rather than on every
 * keystroke: with the national catalogue's thousands of names, refolding each of them per key
 * costs more than a frame on the kiosk's low-power PC.
 */
interface Entry {
  procedure: Procedure;
  code: string;
  name: string;
  nameWithoutFiller: string;
  compactName: string;
  /** Whole words of the name, for ranking: "khai sinh" is two whole words of "Đăng ký khai sinh". */
  nameWords: ReadonlySet<string>;
}

/** The catalog folded and indexed for `searchProcedures`. Build it once per catalog. */
export interface ProcedureIndex {
  /**
   * Every entry, best first by the tie-breaks that do not depend on the query (shorter names, then
   * codes in collation order, then catalog order); an entry's id is its place here. A search reads
   * the catalog in this order, so the first matches of each rank it meets are the ones to show,
   * and it reads them front to back in memory.
   */
  readonly entries: readonly Entry[];
  /** The same entries in catalog order: what an empty query lists. */
  readonly inCatalogOrder: readonly Entry[];
  /** Codes without their dots → entries (a catalog has each code once; nothing here relies on it). */
  readonly byCode: ReadonlyMap<string, readonly number[]>;
  /** Every word of names (without the filler) and fields, sorted, each with the entries it is in. */
  readonly vocabulary: readonly string[];
  readonly postings: ReadonlyMap<string, Uint32Array>;
  /** Letter pairs of the names without spaces → entries: rules names out before an approximate match. */
  readonly pairs: ReadonlyMap<string, Uint32Array>;
  /** Which entries a query word matches (as a prefix, or fuzzily): one new word per keystroke. */
  readonly cache: Map<string, Uint8Array>;
}

const CACHE_LIMIT = 256;

export function buildProcedureIndex(procedures: readonly Procedure[]): ProcedureIndex {
  // localeCompare per comparison costs microseconds, thousands of times per keystroke: sort once.
  const collator = new Intl.Collator();
  const codeOrder = new Array<number>(procedures.length);
  const byCollation = procedures.map((_, i) => i).sort((a, b) => collator.compare(procedures[a]!.code, procedures[b]!.code));
  byCollation.forEach((at, i) => {
    const previous = byCollation[i - 1];
    codeOrder[at] = previous !== undefined && collator.compare(procedures[at]!.code, procedures[previous]!.code) === 0 ? codeOrder[previous]! : i;
  });
  // Array.prototype.sort is stable: procedures equal in both keep their catalog order.
  const order = procedures.map((_, i) => i).sort((a, b) => procedures[a]!.name.length - procedures[b]!.name.length || codeOrder[a]! - codeOrder[b]!);

  const entries: Entry[] = [];
  const inCatalogOrder = new Array<Entry>(procedures.length);
  const byCode = new Map<string, number[]>();
  const postingLists = new Map<string, number[]>();
  const pairLists = new Map<string, number[]>();
  const add = (lists: Map<string, number[]>, key: string, id: number) => {
    const list = lists.get(key);
    if (!list) lists.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  };
  order.forEach((at, id) => {
    const procedure = procedures[at]!;
    const name = foldForSearch(procedure.name);
    const nameWithoutFiller = name.replace(leadingFiller, '');
    const compactName = compactForSearch(nameWithoutFiller);
    const entry: Entry = { procedure, code: bareCode(procedure.code), name, nameWithoutFiller, compactName, nameWords: new Set(words(name)) };
    entries.push(entry);
    inCatalogOrder[at] = entry;
    add(byCode, entry.code, id);
    // The filler is in almost every name: "tu" must not match every procedure through "tục".
    for (const w of words(`${nameWithoutFiller} ${foldForSearch(procedure.field)}`)) add(postingLists, w, id);
    for (let i = 0; i + 1 < compactName.length; i++) add(pairLists, compactName.slice(i, i + 2), id);
  });
  const packed = (lists: Map<string, number[]>) => new Map([...lists].map(([k, ids]) => [k, Uint32Array.from(ids)]));
  const postings = packed(postingLists);
  return { entries, inCatalogOrder, byCode, vocabulary: [...postings.keys()].sort(), postings, pairs: packed(pairLists), cache: new Map() };
}

function remember(index: ProcedureIndex, key: string, make: () => Uint8Array): Uint8Array {
  let hits = index.cache.get(key);
  if (!hits) {
    if (index.cache.size >= CACHE_LIMIT) index.cache.clear();
    hits = make();
    index.cache.set(key, hits);
  }
  return hits;
}

function markAll(index: ProcedureIndex, matches: (word: string) => boolean, from = 0, until: (word: string) => boolean = () => false): Uint8Array {
  const hits = new Uint8Array(index.entries.length);
  const vocabulary = index.vocabulary;
  for (let i = from; i < vocabulary.length; i++) {
    const w = vocabulary[i]!;
    if (until(w)) break;
    if (matches(w)) for (const id of index.postings.get(w)!) hits[id] = 1;
  }
  return hits;
}

/** Entries with a word that starts with `queryWord` (the sorted vocabulary: one binary search). */
function prefixHits(index: ProcedureIndex, queryWord: string): Uint8Array {
  return remember(index, `p:${queryWord}`, () => {
    const v = index.vocabulary;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid]! < queryWord) lo = mid + 1;
      else hi = mid;
    }
    return markAll(index, () => true, lo, (w) => !w.startsWith(queryWord));
  });
}

/** Entries with a word within a small edit distance of `queryWord`, or of an unfinished word. */
function fuzzyHits(index: ProcedureIndex, queryWord: string): Uint8Array {
  const max = allowedEdits(queryWord.length);
  if (max === 0) return prefixHits(index, queryWord);
  return remember(index, `f:${queryWord}`, () =>
    markAll(
      index,
      (w) =>
        editDistance(queryWord, w, max) <= max ||
        // The word being typed may be unfinished: compare against the name word's prefix too.
        (w.length > queryWord.length && editDistance(queryWord, w.slice(0, queryWord.length), max) <= max),
    ),
  );
}

/**
 * How many of the query's letter pairs (by position) each entry's name has somewhere. A stretch
 * within k edits of a query of m letters keeps at least m − 1 − 2k of its pairs, so an entry
 * below that cannot match approximately and is never compared letter by letter.
 */
function sharedPairs(index: ProcedureIndex, compactQuery: string): Uint16Array {
  const counts = new Uint16Array(index.entries.length);
  for (let i = 0; i + 1 < compactQuery.length; i++) {
    const ids = index.pairs.get(compactQuery.slice(i, i + 2));
    if (ids) for (const id of ids) counts[id]!++;
  }
  return counts;
}

function inAll(hitsPerWord: readonly Uint8Array[], id: number): boolean {
  for (const hits of hitsPerWord) if (hits[id] !== 1) return false;
  return true;
}

/** `text` cut into `n` pieces of (nearly) equal length. */
function piecesOf(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(text.slice(Math.floor((i * text.length) / n), Math.floor(((i + 1) * text.length) / n)));
  return out;
}

/** Ranked matches; an empty query lists everything (optionally one field) in catalog order. */
export function searchProcedures(
  index: ProcedureIndex,
  query: string,
  opts: { field?: string | null; limit?: number } = {},
): ProcedureMatch[] {
  const inPool = (e: Entry) => !opts.field || e.procedure.field === opts.field;
  const folded = foldForSearch(query);
  const queryWords = words(folded);
  if (queryWords.length === 0) {
    const pool = index.inCatalogOrder.filter(inPool);
    return pool.slice(0, opts.limit ?? pool.length).map(({ procedure }) => ({ procedure, rank: MatchRank.allWords, wholeWords: 0 }));
  }

  const q = bareCode(folded);
  const exact = q.length > 0 ? index.byCode.get(q) : undefined;
  const looksLikeCode = /^[0-9.]+$/.test(folded);
  const present = queryWords.map((w) => prefixHits(index, w));
  // Spaces left out or put in the wrong place: compare the letters alone.
  const compactQuery = compactForSearch(folded);
  const max = Math.min(2, allowedEdits(compactQuery.length));
  const pairsNeeded = compactQuery.length - 1 - 2 * max;

  // Cheapest first: the ranks that need no edit distance. The lower ranks come after every one of
  // these, so when these already fill the list (a short prefix matches most of a catalog), the
  // approximate ones could not be shown and are never computed.
  const exactRank = (e: Entry, id: number): MatchRank | null => {
    if (exact?.includes(id)) return MatchRank.exactCode;
    if (looksLikeCode && q.length >= 2 && e.code.startsWith(q)) return MatchRank.prefix;
    if (e.name.startsWith(folded) || e.nameWithoutFiller.startsWith(folded)) return MatchRank.prefix;
    if (inAll(present, id)) return MatchRank.allWords;
    if (compactQuery.length >= 4 && e.compactName.includes(compactQuery)) return MatchRank.joined;
    return null;
  };
  // Within a rank, more whole-word matches come first, then shorter names ("Đăng ký khai sinh"
  // before "Đăng ký lại khai sinh"). Matches go into one bucket per (rank, whole words) — best
  // first — in tie-break order (the entries' order), so a bucket never needs sorting and stops taking entries once it holds `limit`: no candidate is
  // built, compared or sorted that could not be shown.
  const limit = opts.limit ?? Infinity;
  const bucketOf = (rank: MatchRank, wholeWords: number) => rank * (queryWords.length + 1) + (queryWords.length - wholeWords);
  const buckets: number[][] = [];
  let found = 0;
  const push = (id: number, rank: MatchRank) => {
    found++;
    const nameWords = index.entries[id]!.nameWords;
    let whole = 0;
    for (const w of queryWords) if (nameWords.has(w)) whole++;
    const bucket = (buckets[bucketOf(rank, whole)] ??= []);
    if (bucket.length < limit) bucket.push(id);
  };
  const full = () => found >= limit;
  let rest: number[] = [];
  index.entries.forEach((e, id) => {
    if (!inPool(e)) return;
    const rank = exactRank(e, id);
    if (rank !== null) push(id, rank);
    else rest.push(id);
  });
  if (!full() && rest.length > 0) {
    const fuzzy = queryWords.map((w) => fuzzyHits(index, w));
    const unmatched: number[] = [];
    for (const id of rest) {
      if (inAll(fuzzy, id)) push(id, MatchRank.fuzzy);
      else unmatched.push(id);
    }
    rest = unmatched;
  }
  if (!full() && rest.length > 0 && compactQuery.length >= 8) {
    // Two cheap tests that every approximate match passes come before the letter-by-letter one:
    // enough of the query's letter pairs in the name, and (k edits leave one of k + 1 pieces of
    // the query untouched) one of its pieces exactly.
    const pairs = sharedPairs(index, compactQuery);
    const pieces = piecesOf(compactQuery, max + 1);
    for (const id of rest) {
      const e = index.entries[id]!;
      if (pairs[id]! < pairsNeeded || !pieces.some((piece) => e.compactName.includes(piece))) continue;
      if (substringDistance(compactQuery, e.compactName, max) <= max) push(id, MatchRank.fuzzyJoined);
    }
  }
  const out: ProcedureMatch[] = [];
  buckets.forEach((ids, bucket) => {
    const rank = Math.floor(bucket / (queryWords.length + 1)) as MatchRank;
    const wholeWords = queryWords.length - (bucket % (queryWords.length + 1));
    for (const id of ids) if (out.length < limit) out.push({ procedure: index.entries[id]!.procedure, rank, wholeWords });
  });
  return out;
}

/** The fields (lĩnh vực) to browse by, with how many procedures each has, in Vietnamese order. */
export function procedureFields(procedures: readonly Procedure[]): Array<{ field: string; count: number }> {
  const counts = new Map<string, number>();
  for (const p of procedures) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
  return [...counts.entries()].map(([field, count]) => ({ field, count })).sort((a, b) => a.field.localeCompare(b.field, 'vi'));
}
