import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/backend';
import { silentLogger } from '../../../main/log';
import { startSimulator, type RunningSimulator } from '../../../simulator/server';
import { NATIONAL_PROCEDURE_COUNT } from '../../../simulator/procedure-catalog';
import { startDemoKiosk } from '../../support/demo-kiosk';
import { tempDir } from '../outbox/fixtures';

/**
 * A catalogue the size of the national one reaches a citizen's screen: from the simulator through
 * the kiosk's request core, catalogue cache and the wizard's methods as the renderer calls them
 * (their answers checked against the same schemas). One over the cap is refused and changes
 * nothing: procedure-catalog-cache.test.ts.
 */
let sim: RunningSimulator;
let tmp: ReturnType<typeof tempDir>;
let backend: Backend | undefined;

type Reply<T> = { ok: boolean; value?: T; error?: { code: string } };
const call = async <T>(method: string, input: unknown = {}) => (await backend!.dispatch(method, input)) as Reply<T>;

async function simMode(mode: 'national'): Promise<void> {
  const r = await fetch(`${sim.url}/__sim/procedure-catalog`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode }) });
  expect(r.status).toBe(200);
}

beforeEach(async () => {
  tmp = tempDir('kiosk-national-catalogue-');
  sim = await startSimulator({ port: 0 });
});
afterEach(async () => {
  await backend?.close();
  backend = undefined;
  await sim.close();
  tmp.cleanup();
});

describe('a national-size procedure catalogue', () => {
  it(`${NATIONAL_PROCEDURE_COUNT} procedures reach the wizard, and a generated one has its agencies`, async () => {
    await simMode('national');
    backend = await startDemoKiosk({ dir: tmp.dir, env: { KIOSK_API_BASE_URL: sim.url }, logger: silentLogger });
    const procedures = await call<{ catalog: { procedures: Array<{ code: string }> }; offline: boolean }>('catalog.procedures');
    expect(procedures.ok).toBe(true);
    expect(procedures.value!.catalog.procedures).toHaveLength(NATIONAL_PROCEDURE_COUNT);
    const last = procedures.value!.catalog.procedures.at(-1)!.code;
    const agencies = await call<{ agencies: unknown[] }>('catalog.agencies', { procedureCode: last });
    expect(agencies.ok).toBe(true);
    expect(agencies.value!.agencies.length).toBeGreaterThan(0);
  });
});
