import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWorkingDays, liveWorkCalendar, mergeWorkCalendars, type WorkCalendarDataset } from '../../common/domain/working-days';
import type { Backend } from '../../main/backend';
import { startDemoKiosk } from '../support/demo-kiosk';
import { demoRequestCore } from '../../demo/demo-device';
import { silentLogger } from '../../main/log';
import { buildCatalog } from '../../main/services/catalog/catalog';
import { buildProvincialClient } from '../../main/services/provincial-api/client';
import { openDatabase, type Db } from '../../main/store/db';
import { openKioskDb, testEncryption } from '../support/data-key';
import { startWebHost, type WebHost } from '../../main/web-host/server';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { seedWorkCalendar } from '../../simulator/work-calendar';
import { kioskHttp, logIn, submitDossier } from '../support/kiosk-http';

/**
 * One calendar for the province: the API serves it, every kiosk caches it like a catalog and
 * counts the expected result date with it, and a kiosk's own config still has the last word.
 */
const root = resolve(__dirname, '../..');
let sim: RunningSimulator;
const dirs: string[] = [];
const temp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `kiosk-calendar-${name}-`));
  dirs.push(d);
  return d;
};

beforeEach(async () => {
  sim = await startSimulator({ port: 0 });
});
afterEach(async () => {
  await sim.close();
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const publish = async (url: string, calendar: WorkCalendarDataset) => {
  const r = await fetch(`${url}/__sim/work-calendar`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(calendar),
  });
  expect(r.status).toBe(200);
};

/** The next `n` weekdays after today in Vietnam (yyyy-mm-dd). */
function nextWeekdays(n: number, from = Date.now()): string[] {
  const out: string[] = [];
  const d = new Date(from + 7 * 3600_000);
  while (out.length < n) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('the province work calendar', () => {
  it('is fetched and cached like a catalog, refreshed by ETag when the province publishes a new one, and kept offline', async () => {
    const dir = temp('cache');
    let db: Db = openDatabase(dir, { encryption: testEncryption });
    const open = (url: string) =>
      buildCatalog({
        db,
        client: buildProvincialClient(demoRequestCore(url, { timeoutMs: 3000, logger: silentLogger })),
        now: () => new Date(),
        logger: silentLogger,
      });
    let catalog = open(sim.url);
    const calendar = liveWorkCalendar({
      province: () => catalog.workCalendar.cached(),
      local: { daysOff: [], extraWorkingDays: [] },
    });

    expect(calendar.daysOff.size).toBe(0);
    const first = await catalog.workCalendar.get();
    expect(first.ok && first.value.version).toBe(seedWorkCalendar.version);
    // Wednesday before Tết 2027: one working day later is after the five days off.
    expect(addWorkingDays('2027-02-03T02:00:00Z', 1, calendar)).toBe('2027-02-11');

    await publish(sim.url, { ...seedWorkCalendar, version: '2027.2', daysOff: [...seedWorkCalendar.daysOff, '2027-02-11'] });
    const refreshed = await catalog.workCalendar.get({ refresh: true });
    expect(refreshed.ok && refreshed.value.version).toBe('2027.2');
    expect(addWorkingDays('2027-02-03T02:00:00Z', 1, calendar)).toBe('2027-02-12');

    // The office goes offline and the kiosk restarts: the cached calendar still counts.
    await sim.close();
    db.close();
    db = openDatabase(dir, { encryption: testEncryption });
    catalog = open('http://127.0.0.1:9');
    const offline = await catalog.workCalendar.get({ refresh: true });
    expect(offline.ok && offline.value).toMatchObject({ version: '2027.2', offline: true });
    const afterRestart = liveWorkCalendar({
      province: () => catalog.workCalendar.cached(),
      local: { daysOff: [], extraWorkingDays: [] },
    });
    expect(addWorkingDays('2027-02-03T02:00:00Z', 1, afterRestart)).toBe('2027-02-12');
    db.close();
    sim = await startSimulator({ port: 0 });
  });

  it("the kiosk's config wins where it disagrees with the province, and adds its own days", () => {
    const isoDay = fc.integer({ min: 0, max: 60 }).map((i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    const list = fc.uniqueArray(isoDay, { maxLength: 15 });
    fc.assert(
      fc.property(list, list, list, list, (pOff, pExtra, lOff, lExtra) => {
        const local = { daysOff: lOff, extraWorkingDays: lExtra.filter((d) => !lOff.includes(d)) };
        const merged = mergeWorkCalendars({ daysOff: pOff, extraWorkingDays: pExtra }, local);
        for (const d of local.daysOff) expect(merged.daysOff.has(d) && !merged.extraWorkingDays.has(d)).toBe(true);
        for (const d of local.extraWorkingDays) expect(merged.extraWorkingDays.has(d) && !merged.daysOff.has(d)).toBe(true);
        for (const d of pOff) if (!local.extraWorkingDays.includes(d)) expect(merged.daysOff.has(d)).toBe(true);
        for (const d of pExtra) if (!local.daysOff.includes(d)) expect(merged.extraWorkingDays.has(d)).toBe(true);
      }),
    );
  });

  it("a dossier's expected result date counts the province's days off, as served by the API", async () => {
    const dir = temp('kiosk');
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const holidays = nextWeekdays(3);
    await publish(sim.url, { version: 'test-holidays', daysOff: holidays, extraWorkingDays: [] });
    const configFile = join(dir, 'kiosk.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        kioskId: 'CAL-01',
        attachments: { folders: [{ id: 'usb', label: 'USB', path: usb }] },
        monitoring: { heartbeatIntervalSeconds: 0 },
      }),
    );
    const backend: Backend = await startDemoKiosk({ dir, config: configFile, env: { KIOSK_API_BASE_URL: sim.url } });
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const host: WebHost = await startWebHost({ dispatch: backend.dispatch, rendererDir, port: 0, logger: silentLogger });
    try {
      const kiosk = kioskHttp(host.url);
      await logIn(kiosk, sim.url);
      await kiosk.call('catalog.procedures', {});
      // The background refresh fetches the calendar at start; wait until it is cached.
      await expect.poll(() => holidaysCached(dir), { timeout: 15_000, interval: 50, message: 'the kiosk caches the calendar' }).toBe(true);
      const samples = join(root, 'resources/sample-documents');
      const r = await submitDossier(kiosk, {
        folder: { id: 'usb', path: usb },
        files: {
          d1: join(samples, 'to-khai-mau.pdf'),
          d2: join(samples, 'giay-chung-sinh-mau.jpg'),
          d6: join(samples, 'giay-chung-sinh-mau.jpg'),
        },
      });
      const result = r;
      expect(result.status).toBe('accepted');
      // 1.001193 takes one working day: the next three weekdays are off, so it is the fourth.
      expect(result.expectedResultDate).toBe(nextWeekdays(4, Date.parse(result.receivedAt))[3]);
    } finally {
      await host.close();
      await backend.close();
    }
  });
});

/** Whether the kiosk's cache already holds the test's calendar (read straight from its database). */
function holidaysCached(dir: string): boolean {
  const db = openKioskDb(join(dir, 'data'));
  try {
    const row = db.prepare("SELECT version FROM catalog_datasets WHERE name = 'work-calendar'").get() as
      { version: string } | undefined;
    return row?.version === 'test-holidays';
  } finally {
    db.close();
  }
}
