import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLogger } from '../../main/log';
import { openLogFile } from '../../main/log-file';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kiosk-logs-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('log file', () => {
  it('appends whole lines, and keeps what an earlier run wrote', () => {
    const dir = join(tempDir(), 'logs');
    const first = openLogFile({ dir });
    first.write('{"event":"a"}');
    first.close();
    const second = openLogFile({ dir });
    second.write('{"event":"b"}');
    second.close();
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8')).toBe('{"event":"a"}\n{"event":"b"}\n');
  });

  it('rotates by size, keeps the newest files and drops the oldest, never splitting a line', () => {
    const dir = tempDir();
    const file = openLogFile({ dir, maxBytes: 1000, keep: 3 });
    const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ n: i, event: 'sync.accepted', pad: 'x'.repeat(40) }));
    for (const line of lines) file.write(line);
    file.close();
    expect(readdirSync(dir).sort()).toEqual(['kiosk.1.log', 'kiosk.2.log', 'kiosk.3.log', 'kiosk.log']);
    const kept = ['kiosk.3.log', 'kiosk.2.log', 'kiosk.1.log', 'kiosk.log'].flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean));
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(1000);
    // The newest lines, in order, each whole.
    expect(kept).toEqual(lines.slice(lines.length - kept.length));
    expect(kept.length).toBeGreaterThan(10);
  });

  it('a folder that cannot be written stops file logging without stopping the kiosk', () => {
    const blocker = join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, 'a file where the log folder should be');
    const errors: unknown[] = [];
    const file = openLogFile({ dir: join(blocker, 'logs'), onError: (e) => errors.push(e) });
    expect(() => file.write('{"event":"a"}')).not.toThrow();
    expect(() => file.write('{"event":"b"}')).not.toThrow();
    expect(errors).toHaveLength(1);
  });

  it('holds only what the logger lets through: no ID numbers, names or phones', () => {
    const dir = tempDir();
    const file = openLogFile({ dir });
    const logger = buildLogger({ write: (line) => file.write(line) });
    logger.info('registration.submitted', { citizenId: '066185000123', phone: '0912345678', note: 'ref 066185000123' });
    file.close();
    const text = readFileSync(join(dir, 'kiosk.log'), 'utf8');
    expect(text).toContain('registration.submitted');
    expect(text).not.toContain('066185000123');
    expect(text).not.toContain('0912345678');
  });
});
