/**
 * Reads a SQLite write-ahead log the way SQLite's recovery does (https://www.sqlite.org/fileformat.html,
 * "WAL File Format"), to tell a WAL that a crash or a full disk left from one that was damaged
 * afterwards. SQLite itself silently ignores everything from the first bad frame on: committed
 * dossiers would vanish without a word.
 *
 * - A header that is not a WAL header (zeroed, garbled) in a file that is not empty is damage.
 * - A frame that fails its checksum followed by a later frame of the same WAL generation (same
 *   salts, so written after it — it had been complete) is damage: frames are written in order,
 *   and a crash or a refused write ends the sequence, it does not leave a hole in it.
 * - A file that ends part-way through a frame is *not* told apart here: a SIGKILL between a
 *   frame's header and its page, or a write the full disk cut short, leaves that too, and only
 *   what was not committed. A WAL cut short across committed frames loses commits, and that is
 *   what the start-up check sees instead: references already given out above the database's
 *   counter, and attachment files no row refers to (data-check.ts).
 *
 * Frames of an older generation (different salts) after the valid ones are normal: SQLite reuses
 * the file after a checkpoint.
 */
export type WalProblem = 'header' | 'garbled';

export interface WalReport {
  /** Frames SQLite would use (up to the last valid commit frame). */
  validFrames: number;
  commits: number;
  problem: WalProblem | null;
}

const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const VERSION = 3007000;
const HEADER = 32;
const FRAME_HEADER = 24;

function checksum(bytes: Buffer, start: number, end: number, bigEndian: boolean, s: [number, number]): [number, number] {
  let [s1, s2] = s;
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    const x1 = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4);
    s1 = (s1 + x0 + s2) >>> 0;
    s2 = (s2 + x1 + s1) >>> 0;
  }
  return [s1, s2];
}

export function checkWal(wal: Buffer): WalReport {
  if (wal.length === 0) return { validFrames: 0, commits: 0, problem: null };
  if (wal.length < HEADER) return { validFrames: 0, commits: 0, problem: 'header' };
  const magic = wal.readUInt32BE(0);
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return { validFrames: 0, commits: 0, problem: 'header' };
  const bigEndian = magic === MAGIC_BE;
  const rawPageSize = wal.readUInt32BE(8);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const headerSum = checksum(wal, 0, 24, bigEndian, [0, 0]);
  const validHeader =
    wal.readUInt32BE(4) === VERSION &&
    pageSize >= 512 &&
    pageSize <= 65536 &&
    (pageSize & (pageSize - 1)) === 0 &&
    headerSum[0] === wal.readUInt32BE(24) &&
    headerSum[1] === wal.readUInt32BE(28);
  if (!validHeader) return { validFrames: 0, commits: 0, problem: 'header' };

  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const frameSize = FRAME_HEADER + pageSize;
  const whole = Math.floor((wal.length - HEADER) / frameSize);

  let sum: [number, number] = headerSum;
  let validFrames = 0;
  let commits = 0;
  let firstBad = -1;
  for (let i = 0; i < whole; i++) {
    const at = HEADER + i * frameSize;
    const sameGeneration = wal.readUInt32BE(at + 8) === salt1 && wal.readUInt32BE(at + 12) === salt2;
    if (firstBad < 0) {
      const next = checksum(wal, at + FRAME_HEADER, at + frameSize, bigEndian, checksum(wal, at, at + 8, bigEndian, sum));
      if (sameGeneration && next[0] === wal.readUInt32BE(at + 16) && next[1] === wal.readUInt32BE(at + 20)) {
        sum = next;
        if (wal.readUInt32BE(at + 4) !== 0) {
          commits += 1;
          validFrames = i + 1;
        }
        continue;
      }
      firstBad = i;
      continue;
    }
    // Written after the bad frame in the same generation: the bad frame was complete once.
    if (sameGeneration) return { validFrames, commits, problem: 'garbled' };
  }
  return { validFrames, commits, problem: null };
}
