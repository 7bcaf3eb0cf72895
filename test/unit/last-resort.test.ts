import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EX_SOFTWARE, installLastResort } from '../../main/last-resort';
import { buildLogger } from '../../main/log';

/** The process-wide last resort: a forgotten disk fault is logged and survived; a bug exits 70. */
function setUp() {
  const proc = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  const reported: string[] = [];
  const guard = installLastResort({ process: proc as unknown as NodeJS.Process, logger: buildLogger({ write: (l) => lines.push(l) }), exit: (c) => exits.push(c) });
  guard.onStorageFault((_e, where) => reported.push(where));
  return { proc, lines, exits, reported };
}
const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('the last-resort handler', () => {
  it('a rejected promise nobody awaited is logged and the kiosk runs on; a disk fault among them is reported', () => {
    const { proc, lines, exits, reported } = setUp();
    proc.emit('unhandledRejection', full());
    proc.emit('unhandledRejection', new TypeError('bug'));
    expect(exits).toEqual([]);
    expect(reported).toEqual(['unhandled_rejection']);
    expect(lines.map((l) => JSON.parse(l) as { event: string; code: string | null; storage: boolean })).toMatchObject([
      { event: 'process.unhandled_rejection', code: 'SQLITE_FULL', storage: true },
      { event: 'process.unhandled_rejection', code: null, storage: false },
    ]);
  });

  it('a thrown disk fault (ENOSPC, EIO, SQLITE_IOERR_*) is survived; any other thrown exception exits 70', () => {
    const { proc, exits, reported } = setUp();
    for (const code of ['ENOSPC', 'EIO', 'SQLITE_IOERR_WRITE', 'SQLITE_FULL']) proc.emit('uncaughtException', Object.assign(new Error(code), { code }));
    expect(exits).toEqual([]);
    expect(reported).toHaveLength(4);
    proc.emit('uncaughtException', new RangeError('a bug'));
    expect(exits).toEqual([EX_SOFTWARE]);
  });

  it('never logs the message of what it caught (it can carry personal data)', () => {
    const { proc, lines } = setUp();
    proc.emit('unhandledRejection', new Error('citizen 066185000123 Nguyễn Thị Hồng Nhung'));
    expect(lines.join('\n')).not.toMatch(/066185000123|Nhung/);
  });
});
