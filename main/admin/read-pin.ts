import { PIN_PATTERN } from '../services/staff/pin-hash';
import type { AdminIo } from './io';

/**
 * Reads a PIN for IT: from a terminal without echoing it (twice, so a typo is caught), or the
 * first line of piped stdin (`echo 246810 | kiosk-admin hash-pin` in a provisioning script —
 * better from a file than from a command line, which shell history keeps).
 */
export async function readPin(io: AdminIo, prompt: string): Promise<{ ok: true; pin: string } | { ok: false; problem: string }> {
  let first: string | null;
  if (io.stdin.isTTY) {
    const terminal = hiddenLines(io);
    first = await terminal.read(`${prompt}: `);
    const again = first === null ? null : await terminal.read('Again / Nhập lại: ');
    terminal.close();
    if (first !== null && again !== first) return { ok: false, problem: 'the two entries differ' };
  } else {
    first = await readFirstLine(io);
  }
  if (first === null) return { ok: false, problem: 'no PIN given' };
  const problem = pinProblem(first);
  return problem ? { ok: false, problem } : { ok: true, pin: first };
}

/** Why a PIN will not do, or null. Six digits at least; not one a stranger would try first. */
export function pinProblem(pin: string): string | null {
  if (!PIN_PATTERN.test(pin)) return 'a PIN is 6 to 12 digits';
  if (/^(\d)\1+$/.test(pin)) return 'a PIN of one repeated digit is the first thing anyone tries';
  const steps = [...pin].map((d, i) => (i === 0 ? 0 : Number(d) - Number(pin[i - 1])));
  if (steps.slice(1).every((s) => s === 1) || steps.slice(1).every((s) => s === -1)) return 'a run of consecutive digits is the first thing anyone tries';
  return null;
}

async function readFirstLine(io: AdminIo): Promise<string | null> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += chunk.toString();
    if (text.includes('\n') || text.length > 1024) break;
  }
  const line = text.split(/\r?\n/)[0]!.trim();
  return line === '' ? null : line;
}

/**
 * Lines typed on a terminal in raw mode, shown as nothing at all (not even asterisks: their
 * count would give the PIN's length to someone looking over IT's shoulder). Keys typed (or
 * pasted) ahead of the next prompt are kept for it.
 */
function hiddenLines(io: AdminIo) {
  const stdin = io.stdin;
  let buffered = '';
  let waiting: ((line: string | null) => void) | null = null;
  let ended = false;
  const deliver = () => {
    if (!waiting) return;
    const cut = buffered.search(/[\r\n\u0003\u0004]/);
    if (cut < 0 && !ended) return;
    const end = cut < 0 ? buffered.length : cut;
    const stop = cut >= 0 && (buffered[cut] === '\u0003' || buffered[cut] === '\u0004');
    let line = '';
    for (const ch of buffered.slice(0, end)) line = ch === '\u007f' || ch === '\b' ? line.slice(0, -1) : line + ch;
    buffered = buffered.slice(end + 1);
    const resolve = waiting;
    waiting = null;
    io.stderr.write('\n');
    // Ctrl+C, Ctrl+D, or the end of input: give up without a PIN.
    resolve(stop || (cut < 0 && line === '') ? null : line);
  };
  const onData = (chunk: Buffer | string) => {
    buffered += chunk.toString();
    deliver();
  };
  const onEnd = () => {
    ended = true;
    deliver();
  };
  stdin.setRawMode?.(true);
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.resume();
  return {
    read(prompt: string): Promise<string | null> {
      io.stderr.write(prompt);
      return new Promise((resolve) => {
        waiting = resolve;
        deliver();
      });
    },
    close() {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.pause();
      stdin.setRawMode?.(false);
    },
  };
}
