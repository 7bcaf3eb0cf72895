import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLogFile } from '../../../main/log-file';
import { mountTmpfs, tmpfsAvailable, TMPFS_SKIP_REASON, type SmallDisk } from '../../support/tmpfs';

/** The log file on a real full disk: lines are dropped and counted, and logging comes back by itself. */
let disk: SmallDisk;
beforeAll(() => {
  if (tmpfsAvailable) disk = mountTmpfs(256 * 1024)!;
});
afterAll(() => disk?.unmount());

describe.skipIf(!tmpfsAvailable)(`the log file on a full disk${TMPFS_SKIP_REASON}`, () => {
  it('drops lines while the disk is full without throwing, and once there is room again says how many were lost', () => {
    let now = 0;
    const errors: unknown[] = [];
    const dir = join(disk.dir, 'logs');
    const file = openLogFile({ dir, retryMs: 1000, now: () => now, onError: (e) => errors.push(e) });
    file.write('{"event":"before"}');
    disk.fill();
    const line = JSON.stringify({ event: 'sync.accepted', pad: 'x'.repeat(200) });
    for (let i = 0; i < 50; i++) expect(() => file.write(line)).not.toThrow();
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOSPC');

    disk.unfill();
    // Within the retry period nothing is tried …
    now += 500;
    file.write('{"event":"still-dropped"}');
    // … after it, the next line lands, after a note of what was lost.
    now += 1000;
    file.write('{"event":"after"}');
    file.close();
    const lines = readFileSync(join(dir, 'kiosk.log'), 'utf8').split('\n').filter(Boolean);
    expect(lines[0]).toBe('{"event":"before"}');
    const note = lines.map((l) => { try { return JSON.parse(l) as { event?: string; dropped?: number }; } catch { return {}; } }).find((l) => l.event === 'log.lines_dropped');
    expect(note?.dropped).toBe(51 - (lines.length - 3));
    expect(lines.at(-1)).toBe('{"event":"after"}');
    // Every line that is there is whole JSON (a line cut short by the full disk is closed off).
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });
});
