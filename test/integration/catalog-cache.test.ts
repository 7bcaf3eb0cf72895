import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildLogger, silentLogger } from '../../main/log';
import { buildCatalog } from '../../main/services/catalog/catalog';
import { buildProvincialClient } from '../../main/services/provincial-api/client';
import { openDatabase, type Db } from '../../main/store/db';
import { testEncryption } from '../support/data-key';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { demoRequestCore } from '../../demo/demo-device';

let sim: RunningSimulator;
let dir: string;
let db: Db;
let now: Date;
let logLines: string[];

async function simControl(path: string, body?: unknown) {
  const r = await fetch(`${sim.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(r.status).toBeLessThan(300);
}

function catalog(refreshAfterSeconds = 600) {
  logLines = [];
  const logger = buildLogger({ level: 'debug', write: (l) => logLines.push(l) });
  const client = buildProvincialClient(demoRequestCore(sim.url, { timeoutMs: 3000, logger: logger }));
  return buildCatalog({ db, client, now: () => now, logger, refreshAfterSeconds });
}
const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

beforeAll(async () => {
  sim = await startSimulator({ port: 0, logger: silentLogger });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await simControl('/__sim/reset', {});
  dir = mkdtempSync(join(tmpdir(), 'kiosk-catalog-'));
  db = openDatabase(dir, { encryption: testEncryption });
  now = new Date('2026-11-28T08:00:00Z');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('administrative-unit catalog cache', () => {
  it('fetches the 102 sample communes of Đắk Lắk once and stores them in SQLite', async () => {
    const r = await catalog().adminUnits.get();
    expect(r.ok && r.value.offline).toBe(false);
    if (!r.ok) throw new Error('no catalog');
    expect(r.value.value.sample).toBe(true);
    expect(r.value.value.provinces).toHaveLength(1);
    expect(r.value.value.provinces[0]!.communes).toHaveLength(102);
    expect(r.value.value.provinces[0]!.communes.some((c) => c.name === "Xã Cư M'gar")).toBe(true);
    const row = db.prepare('SELECT name, version, etag FROM catalog_datasets').get();
    expect(row).toEqual({ name: 'admin-units', version: r.value.version, etag: `"${r.value.version}"` });
  });

  it('is served from the cache when the API cannot be reached, even after a restart', async () => {
    await catalog().adminUnits.get();
    await simControl('/__sim/faults', { mode: 'drop' });
    advance(3600);
    const restarted = catalog();
    const r = await restarted.adminUnits.get();
    expect(r.ok && r.value.offline).toBe(true);
    expect(r.ok && r.value.value.provinces[0]!.communes).toHaveLength(102);
  });

  it('with no cache and no network the citizen is told the kiosk is offline', async () => {
    await simControl('/__sim/faults', { mode: 'down' });
    const r = await catalog().adminUnits.get();
    expect(r.ok ? null : r.error.code).toMatch(/api_unavailable|catalog_unavailable|network_unavailable/);
  });

  it('asks again with If-None-Match: a 304 keeps the copy, a new version replaces it', async () => {
    const c = catalog(60);
    const first = await c.adminUnits.get();
    advance(61);
    const same = await c.adminUnits.get();
    expect(same.ok && same.value.version).toBe(first.ok && first.value.version);
    expect(logLines.some((l) => l.includes('"status":304'))).toBe(true);

    await simControl('/__sim/catalog', { mode: 'updated' });
    // Within the refresh interval the cache answers without asking.
    const stillOld = await c.adminUnits.get();
    expect(stillOld.ok && stillOld.value.version).toBe(first.ok && first.value.version);
    advance(61);
    const updated = await c.adminUnits.get();
    expect(updated.ok && updated.value.version).toMatch(/\+updated$/);
    expect((db.prepare('SELECT version FROM catalog_datasets').get() as { version: string }).version).toMatch(/\+updated$/);
  });

  it('a schema-invalid catalog from the API is rejected and the old one kept', async () => {
    const c = catalog(60);
    const good = await c.adminUnits.get();
    await simControl('/__sim/catalog', { mode: 'invalid' });
    advance(61);
    const r = await c.adminUnits.get();
    expect(r.ok && r.value.version).toBe(good.ok && good.value.version);
    expect(r.ok && r.value.value.provinces[0]!.communes).toHaveLength(102);
    expect(logLines.some((l) => l.includes('catalog.rejected'))).toBe(true);
    expect((db.prepare('SELECT version FROM catalog_datasets').get() as { version: string }).version).toBe(good.ok && good.value.version);
  });

  it('a damaged cached row is not shown; the catalog is fetched again', async () => {
    await catalog().adminUnits.get();
    db.prepare("UPDATE catalog_datasets SET payload = '{\"version\":1}'").run();
    const r = await catalog().adminUnits.get();
    expect(r.ok && r.value.value.provinces[0]!.communes).toHaveLength(102);
  });
});
