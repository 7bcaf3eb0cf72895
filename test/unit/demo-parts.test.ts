import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../main/startup/demo-parts';
import { StartRefusal } from '../../main/startup/refusal';

describe("loading the demo's composition root", () => {
  it('where the bundle is not installed (an installed kiosk), --demo is a refusal that says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-nodemo-'));
    const e = await loadDemo(dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StartRefusal);
    expect(e).toMatchObject({ code: 'demo_unavailable', exitCode: 78 });
    expect((e as Error).message).toMatch(/DEMO mode is not part of this installation/);
  });

  it('loads startDemo from demo.js beside the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-demo-'));
    writeFileSync(join(dir, 'demo.js'), 'export const startDemo = async () => "parts";');
    const start = await loadDemo(dir);
    expect(await start({} as never)).toBe('parts');
  });
});
