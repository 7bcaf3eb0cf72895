import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { laterCounter, openRefMirror, readRefCounterFile } from '../../main/store/ref-mirror';

/** The reference counter kept outside the database, on real files. */
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kiosk-refs-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the mirrored reference counter', () => {
  it('reads back what was written last, across reopening', async () => {
    const file = join(tmp(), 'refs.counter');
    const m = openRefMirror([file]);
    expect(m.current()).toBeNull();
    await m.write({ day: '261201', reserved: 1, committed: 0 });
    m.writeLater({ day: '261201', reserved: 1, committed: 1 });
    await m.write({ day: '261201', reserved: 2, committed: 1 });
    await m.close();
    expect(openRefMirror([file]).current()).toEqual({ day: '261201', reserved: 2, committed: 1 });
  });

  it('a slot torn by a power cut falls back to the other one (the previous value)', async () => {
    const file = join(tmp(), 'refs.counter');
    const m = openRefMirror([file]);
    await m.write({ day: '261201', reserved: 7, committed: 6 });
    await m.write({ day: '261201', reserved: 8, committed: 7 });
    await m.close();
    const bytes = readFileSync(file);
    const newest = readRefCounterFile(file)!.seq % 2;
    bytes.fill(0x00, newest * 128 + 20, newest * 128 + 60);
    writeFileSync(file, bytes);
    expect(readRefCounterFile(file)!.counter).toEqual({ day: '261201', reserved: 7, committed: 6 });
  });

  it('with a copy on a second disk, the furthest copy counts; a later day wins over higher numbers', async () => {
    const [a, b] = [join(tmp(), 'refs.counter'), join(tmp(), 'second', 'refs.counter')];
    const m = openRefMirror([a, b]);
    await m.write({ day: '261201', reserved: 40, committed: 40 });
    await m.close();
    rmSync(a);
    expect(openRefMirror([a, b]).current()).toEqual({ day: '261201', reserved: 40, committed: 40 });
    expect(laterCounter({ day: '261202', reserved: 1, committed: 1 }, { day: '261201', reserved: 90, committed: 90 })).toEqual({ day: '261202', reserved: 1, committed: 1 });
  });
});
