/**
 * Telling a USB QR scanner from a person on the same keyboard port. A scanner "types" a whole
 * code at a few milliseconds per character and usually ends with Enter; nobody types a dozen
 * characters with three pauses in four under 40 ms (two-finger rolls give short gaps, but only
 * every other one). That share, not every pause, decides: a busy kiosk can stall the event loop
 * for a moment in the middle of a scan, and one slow gap must not split it in two. A pause
 * longer than `maxPauseMs` does start a new burst.
 * Pure: times are passed in, so tests need no clock.
 */
export interface BurstOptions {
  /** A longer pause between two characters ends a burst. */
  readonly maxPauseMs: number;
  /** Three in four pauses between a scanner's characters are at most this. */
  readonly maxTypicalGapMs: number;
  /** Shortest code worth treating as a scan (a CCCD payload is ~80 characters; an ID alone is 12). */
  readonly minLength: number;
}

export const defaultBurstOptions: BurstOptions = { maxPauseMs: 250, maxTypicalGapMs: 40, minLength: 12 };

export interface BurstDetector {
  /** A character arrived at `at` ms; 'first' when it starts a new burst, else 'continues'. */
  add(ch: string, at: number): 'first' | 'continues';
  /** True once three or more characters have come at a scanner's pace. */
  readonly fast: boolean;
  /**
   * The burst ended — by Enter, or by silence for scanners set up without a suffix (then the
   * code must also look like a CCCD payload, with its "|" separators). The scanned text, or
   * null when what came was not a scanner's.
   */
  finish(at: number, end: 'enter' | 'silence'): string | null;
  reset(): void;
}

/** The pause that three in four pauses are no longer than. */
function typicalGap(gaps: readonly number[]): number {
  const sorted = [...gaps].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.75) - 1] ?? Number.POSITIVE_INFINITY;
}

export function buildBurstDetector(options: BurstOptions = defaultBurstOptions): BurstDetector {
  let text = '';
  let gaps: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  const reset = () => {
    text = '';
    gaps = [];
    last = Number.NEGATIVE_INFINITY;
  };
  const quick = () => gaps.length >= 2 && typicalGap(gaps) <= options.maxTypicalGapMs;
  return {
    add(ch, at) {
      const fresh = at - last > options.maxPauseMs;
      if (fresh) {
        text = '';
        gaps = [];
      } else {
        gaps.push(at - last);
      }
      text += ch;
      last = at;
      return fresh ? 'first' : 'continues';
    },
    get fast() {
      return quick();
    },
    finish(at, end) {
      const scanned = text;
      const ok =
        [...scanned].length >= options.minLength &&
        quick() &&
        (end === 'enter' ? at - last <= options.maxPauseMs : scanned.includes('|'));
      reset();
      return ok ? scanned : null;
    },
    reset,
  };
}
