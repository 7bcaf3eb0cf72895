import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, methods } from '../../common/contract';
import { kioskErrorCodes } from '../../common/errors';
import type { Backend } from '../../main/backend';
import { startDemoKiosk } from '../support/demo-kiosk';
import { silentLogger } from '../../main/log';
import { startWebHost, type WebHost } from '../../main/web-host/server';
import { tempDir } from './outbox/fixtures';
import { openKioskDb } from '../support/data-key';

/**
 * Every method of the kiosk API, fed arbitrary payloads through the real loopback HTTP host:
 * each answer is a clear schema error or a well-formed result, the backend never crashes, and
 * the store does not change.
 */
let tmp: ReturnType<typeof tempDir>;
let backend: Backend;
let host: WebHost;
let secret: string;

beforeAll(async () => {
  tmp = tempDir('kiosk-fuzz-');
  const rendererDir = join(tmp.dir, 'renderer');
  mkdirSync(rendererDir);
  backend = await startDemoKiosk({ dir: tmp.dir, env: { KIOSK_DATA_DIR: join(tmp.dir, 'data') } });
  host = await startWebHost({ dispatch: backend.dispatch, rendererDir, port: 0, logger: silentLogger });
  secret = /#k=(.+)$/.exec(host.url)![1]!;
});
afterAll(async () => {
  await host?.close();
  await backend?.close();
  tmp.cleanup();
});

async function callApi(method: string, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${host.origin}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { origin: host.origin, authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, json: await res.json() };
}

/** Row counts and content of every table: what "no change to the store" means. */
function snapshot(): string {
  const db = openKioskDb(join(tmp.dir, 'data'));
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    // Catalog caches refresh themselves from the API in the background; they are not written by
    // calls. The staff tables are meant to change: every staff call is audited (staff.test.ts).
    return JSON.stringify(tables.filter((t) => !/catalog|admin_unit|procedure|^staff_/.test(t.name)).map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}"`).all()]));
  } finally {
    db.close();
  }
}

const Reply = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.enum(kioskErrorCodes), issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string().regex(/^[a-zA-Z]+\.[a-zA-Z_]+$/) })).optional() }).passthrough(),
  }),
]);

/** Arbitrary values, and objects that use the method's own field names with arbitrary values. */
function payloads(method: (typeof methods)[number]) {
  const input = contract[method].input as z.ZodTypeAny;
  const keys = input instanceof z.ZodObject ? Object.keys(input.shape as object) : [];
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 40 }), fc.constant(null), fc.integer(), fc.constantFrom('', '0', '123456', '066185000123', 'DL-KIOSK-1-250101-0001'));
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    (keys.length ? fc.dictionary(fc.constantFrom(...keys, '__proto__', 'extra'), value, { maxKeys: keys.length + 1 }) : fc.constant({})).map((v) => JSON.stringify(v)),
    fc.constantFrom('', '{', 'null', '[]', '"x"', '{"__proto__":{"polluted":1}}'),
  );
}

/**
 * Guarded methods refuse a caller without a session before looking at the input, so each is fuzzed
 * with the session it needs: a demo citizen logged in (OTP from the simulator's SMS sandbox) and
 * the demo clerk unlocked. Public methods such as "auth.logout" may end them; they are renewed.
 */
async function ensureSessions(): Promise<void> {
  const citizen = await callApi('auth.session', '{}');
  if ((citizen.json as { value?: { citizen: unknown } }).value?.citizen === null) {
    const started = (await callApi('auth.startLogin', JSON.stringify({ citizenId: '066185000123', password: 'Demo@2026' }))).json as { value: { challengeId: string } };
    const sms = (await (await fetch(new URL('/__sim/sms?to=0912345678', backend.demo!.apiBaseUrl))).json()) as { messages: Array<{ text: string }> };
    const otp = /\b(\d{6})\b/.exec(sms.messages[0]!.text)![1]!;
    expect((await callApi('auth.verifyOtp', JSON.stringify({ challengeId: started.value.challengeId, otp }))).json).toMatchObject({ ok: true });
  }
  expect((await callApi('clerk.unlock', JSON.stringify({ pin: '246810' }))).json).toMatchObject({ ok: true });
}

describe('every kiosk API method, fuzzed through the HTTP host', () => {
  it('answers arbitrary payloads with a clear error or a valid result, never crashes, and changes nothing in the store', async () => {
    const before = snapshot();
    for (const method of methods) {
      if (contract[method].guard !== 'public') await ensureSessions();
      await fc.assert(
        fc.asyncProperty(payloads(method), async (body) => {
          const { status, json } = await callApi(method, body);
          expect([200, 400], `${method} ${body}`).toContain(status);
          const reply = Reply.parse(json);
          if (status === 400) expect(reply.ok).toBe(false);
        }),
        { numRuns: 40 },
      );
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await callApi('kiosk.info', '{}')).json).toMatchObject({ ok: true });
    expect(snapshot()).toBe(before);
  }, 240_000); // Long: 40 fast-check payloads for every API method, each through the real HTTP host.
});
