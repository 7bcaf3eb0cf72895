import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PROCEDURES } from '../../../common/domain/procedures';
import { buildLogger, silentLogger } from '../../../main/log';
import { buildCatalog, type Catalog } from '../../../main/services/catalog/catalog';
import { startCatalogRefresh } from '../../../main/services/catalog/refresher';
import { buildProvincialClient } from '../../../main/services/provincial-api/client';
import { openDatabase, type Db } from '../../../main/store/db';
import { testEncryption } from '../../support/data-key';
import { startSimulator, type RunningSimulator } from '../../../simulator/server';
import { SAMPLE_CATALOG_VERSION } from '../../../simulator/seed/procedure-catalog';
import { demoRequestCore } from '../../../demo/demo-device';

/** The procedure and agency catalogs cached in a real SQLite file, fetched from the real simulator. */
let sim: RunningSimulator;
let dir: string;
let db: Db;
let catalog: Catalog;
/** Moves the catalog's clock ahead of the wall clock, so "later" needs no waiting. */
let aheadMs = 0;

async function simMode(mode: 'seed' | 'updated' | 'invalid' | 'corrupt' | 'national' | 'oversized') {
  const r = await fetch(`${sim.url}/__sim/procedure-catalog`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode }) });
  expect(r.status).toBe(200);
}

/** What the kiosk logged (the catalogue tests read why an answer was refused). */
let logged: string[] = [];

function open(url: string) {
  db = openDatabase(dir, { encryption: testEncryption });
  const logger = buildLogger({ level: 'debug', write: (line) => logged.push(line) });
  const client = buildProvincialClient(demoRequestCore(url, { timeoutMs: 30_000, logger }));
  catalog = buildCatalog({ db, client, now: () => new Date(Date.now() + aheadMs), logger: silentLogger, refreshAfterSeconds: 900 });
}

beforeEach(async () => {
  logged = [];
  sim = await startSimulator({ port: 0 });
  aheadMs = 0;
  dir = mkdtempSync(join(tmpdir(), 'kiosk-catalog-'));
  open(sim.url);
});
afterEach(async () => {
  await sim.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('procedure and agency catalog cache', () => {
  it('fetches the sample catalog, marked as sample data, and stores it', async () => {
    const procedures = await catalog.procedures.get();
    const agencies = await catalog.agencies.get();
    expect(procedures.ok && procedures.value.value.procedures.length).toBe(37);
    expect(procedures.ok && procedures.value.value.sample).toBe(true);
    expect(agencies.ok && agencies.value.value.agencies.some((a) => a.name === 'UBND phường Buôn Ma Thuột')).toBe(true);
    const rows = db.prepare("SELECT name, etag FROM catalog_datasets WHERE name IN ('procedures','agencies')").all() as Array<{ etag: string }>;
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => /^".+"$/.test(r.etag))).toBe(true);
  });

  it('is used offline: with the API gone, even after a restart, the stored copy answers', async () => {
    await catalog.procedures.get();
    await sim.close();
    db.close();
    // A new process on the same database, pointed at a port where nothing listens.
    open('http://127.0.0.1:9');
    const r = await catalog.procedures.get({ refresh: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.offline).toBe(true);
    expect(r.value.version).toBe(SAMPLE_CATALOG_VERSION);
    expect(r.value.value.procedures.find((p) => p.code === '1.001193')?.name).toBe('Thủ tục đăng ký khai sinh');
    sim = await startSimulator({ port: 0 });
  });

  it('with no copy and no API, says the catalog is unavailable', async () => {
    await sim.close();
    db.close();
    open('http://127.0.0.1:9');
    const r = await catalog.procedures.get();
    expect(r.ok).toBe(false);
    sim = await startSimulator({ port: 0 });
  });

  it('asks with its ETag and keeps its copy when the API says 304', async () => {
    await catalog.procedures.get();
    const before = db.prepare("SELECT fetched_at, checked_at FROM catalog_datasets WHERE name = 'procedures'").get() as { fetched_at: string; checked_at: string };
    aheadMs += 1000;
    const r = await catalog.procedures.get({ refresh: true });
    expect(r.ok && r.value.offline).toBe(false);
    const after = db.prepare("SELECT fetched_at, checked_at FROM catalog_datasets WHERE name = 'procedures'").get() as { fetched_at: string; checked_at: string };
    expect(after.fetched_at).toBe(before.fetched_at);
    expect(after.checked_at > before.checked_at).toBe(true);
  });

  it('refreshes to a new version when the API publishes one', async () => {
    await catalog.procedures.get();
    await simMode('updated');
    const r = await catalog.procedures.get({ refresh: true });
    expect(r.ok && r.value.version).toBe(`${SAMPLE_CATALOG_VERSION}+updated`);
    expect(r.ok && r.value.value.procedures[0]!.fee).toMatch(/cập nhật/);
    expect(catalog.procedures.cached()?.version).toBe(`${SAMPLE_CATALOG_VERSION}+updated`);
  });

  it.each(['invalid', 'corrupt'] as const)('rejects a %s catalog from the API and keeps the old one in use', async (mode) => {
    await catalog.procedures.get();
    await catalog.agencies.get();
    await simMode(mode);
    const procedures = await catalog.procedures.get({ refresh: true });
    const agencies = await catalog.agencies.get({ refresh: true });
    expect(procedures.ok && procedures.value.version).toBe(SAMPLE_CATALOG_VERSION);
    expect(procedures.ok && procedures.value.value.procedures).toHaveLength(37);
    expect(agencies.ok && agencies.value.version).toBe(SAMPLE_CATALOG_VERSION);
    const stored = db.prepare("SELECT version FROM catalog_datasets WHERE name = 'procedures'").get() as { version: string };
    expect(stored.version).toBe(SAMPLE_CATALOG_VERSION);
    // And once the API is healthy again with a real update, it is taken.
    await simMode('updated');
    const fixed = await catalog.procedures.get({ refresh: true });
    expect(fixed.ok && fixed.value.version).toBe(`${SAMPLE_CATALOG_VERSION}+updated`);
  });

  it('the background refresh fills the cache at start without anyone asking', async () => {
    expect(catalog.procedures.cached()).toBeUndefined();
    const refresh = startCatalogRefresh({ datasets: { procedures: catalog.procedures, agencies: catalog.agencies }, intervalMs: 60_000, logger: silentLogger });
    await refresh.refreshNow();
    refresh.stop();
    expect(catalog.procedures.cached()?.procedures).toHaveLength(37);
    expect(catalog.agencies.cached()?.agencies.length).toBeGreaterThan(10);
  });

  it('takes a national-size catalogue (6,000 procedures, over 1 MB) whole, with the agencies that list them', async () => {
    await simMode('national');
    const procedures = await catalog.procedures.get({ refresh: true });
    const agencies = await catalog.agencies.get({ refresh: true });
    expect(procedures.ok && procedures.value.value.procedures).toHaveLength(6000);
    expect(procedures.ok && procedures.value.version).toBe(`${SAMPLE_CATALOG_VERSION}+national`);
    const stored = db.prepare("SELECT version, length(payload) AS bytes FROM catalog_datasets WHERE name = 'procedures'").get() as { version: string; bytes: number };
    expect(stored.version).toBe(`${SAMPLE_CATALOG_VERSION}+national`);
    expect(stored.bytes).toBeGreaterThan(1024 * 1024);
    expect(agencies.ok && agencies.value.value.agencies.some((a) => a.procedureCodes.includes('SIM-05999'))).toBe(true);
  });

  it(`refuses a catalogue of ${MAX_PROCEDURES + 1} procedures, says which rule it broke, and keeps the copy in use`, async () => {
    await catalog.procedures.get();
    const before = db.prepare("SELECT version, etag, fetched_at FROM catalog_datasets WHERE name = 'procedures'").get();
    await simMode('oversized');
    const r = await catalog.procedures.get({ refresh: true });
    expect(r.ok && r.value.version).toBe(SAMPLE_CATALOG_VERSION);
    expect(r.ok && r.value.value.procedures).toHaveLength(37);
    expect(db.prepare("SELECT version, etag, fetched_at FROM catalog_datasets WHERE name = 'procedures'").get()).toEqual(before);
    const refusal = logged.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'provincial_api.request' && l.outcome === 'bad_response');
    expect(refusal).toMatchObject({ path: '/v1/catalog/procedures', status: 200, schemaIssue: `procedures: too_big (max ${MAX_PROCEDURES})` });
  });

  it('with no copy yet, an oversized catalogue leaves the kiosk saying the catalogue is unavailable, and stores nothing', async () => {
    await simMode('oversized');
    const r = await catalog.procedures.get();
    expect(r).toMatchObject({ ok: false, error: { code: 'catalog_unavailable' } });
    expect(db.prepare("SELECT COUNT(*) AS n FROM catalog_datasets WHERE name = 'procedures'").get()).toEqual({ n: 0 });
  });
});
