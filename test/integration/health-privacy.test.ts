import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedHeartbeat } from '../../simulator/heartbeats';
import type { Backend } from '../../main/backend';
import { startDemoKiosk } from '../support/demo-kiosk';
import { hostBackend } from '../support/web-host';
import { silentLogger } from '../../main/log';
import { DEMO_STAFF as demoStaff } from '../../main/services/staff/accounts';
import type { WebHost } from '../../main/web-host/server';
import { eventually } from '../support/eventually';
import { demoCitizen, finishVisit, kioskHttp, logIn, submitDossier } from '../support/kiosk-http';

/**
 * The kiosk's health leaves the office (to Prometheus, to a Pushgateway, to the provincial API),
 * so it must carry counts and states only. A whole demo visit with a known citizen — login by
 * SMS OTP, one dossier sent at once and one queued while the API is down, then "Kết thúc" — and
 * afterwards neither the /metrics text nor any heartbeat the API received holds anything of
 * that citizen or their dossiers, and every label value and heartbeat string is one we expect.
 * A clerk then works at the counter (a wrong PIN, an unlock, lookups, "Gửi ngay"): the health
 * reports it in counts, and names no staff member either.
 */
const root = resolve(__dirname, '../..');
let dir: string;
let backend: Backend;
let host: WebHost;
let simUrl: string;
let usb: string;
const localRefs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-health-privacy-'));
  usb = join(dir, 'usb');
  mkdirSync(usb);
  const scans = join(dir, 'scans');
  mkdirSync(scans);
  copyFileSync(join(root, 'resources/sample-documents/to-khai-mau.pdf'), join(scans, 'to-khai.pdf'));
  copyFileSync(join(root, 'resources/sample-documents/giay-chung-sinh-mau.jpg'), join(scans, 'giấy chứng sinh.jpg'));
  const configFile = join(dir, 'kiosk.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      kioskId: 'PRIV-01',
      attachments: { folders: [{ id: 'usb', label: 'USB', path: usb }] },
      sync: { healthIntervalSeconds: 1 },
      monitoring: { metrics: { host: '127.0.0.1', port: 0 }, heartbeatIntervalSeconds: 1 },
    }),
  );
  backend = await startDemoKiosk({
    dir,
    config: configFile,
    env: {},
    logger: silentLogger,
  });
  simUrl = backend.demo!.apiBaseUrl;
  host = await hostBackend(backend, dir);
});

afterAll(async () => {
  await host?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

const faults = (mode: 'down' | 'none') =>
  fetch(`${simUrl}/__sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });

async function heartbeats(): Promise<ReceivedHeartbeat[]> {
  return ((await (await fetch(`${simUrl}/__sim/heartbeats`)).json()) as { heartbeats: ReceivedHeartbeat[] }).heartbeats;
}

/** Every string value anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

describe('the kiosk health carries no personal data', () => {
  it('after a full visit, neither /metrics nor the heartbeats mention the citizen or their dossiers', async () => {
    const kiosk = kioskHttp(host.url);
    await logIn(kiosk, simUrl);
    await kiosk.call('catalog.procedures', {});
    const scans = join(dir, 'scans');
    const files = {
      d1: join(scans, 'to-khai.pdf'),
      d2: join(scans, 'giấy chứng sinh.jpg'),
      d6: join(scans, 'giấy chứng sinh.jpg'),
    };
    const folder = { id: 'usb', path: usb };
    const online = await submitDossier(kiosk, { folder, files });
    expect(online.status).toBe('accepted');
    await faults('down');
    const offline = await submitDossier(kiosk, { folder, files });
    expect(offline.status).toBe('queued');
    localRefs.push(online.localRef, offline.localRef);
    await faults('none');
    await finishVisit(kiosk);

    // The clerk: one wrong PIN, then their own; the outbox, a dossier's history, "Gửi ngay".
    const clerk = demoStaff.find((s) => s.role === 'clerk')!;
    await expect(kiosk.call('clerk.unlock', { pin: '000000' })).rejects.toThrow('clerk_pin_wrong');
    await kiosk.call('clerk.unlock', { pin: clerk.pin });
    await kiosk.call('clerk.outbox.list', {});
    await kiosk.call('clerk.outbox.history', { localRef: offline.localRef });
    await kiosk.call('clerk.syncNow', {});
    await kiosk.call('clerk.lock', {});

    // A heartbeat after the queued dossier was delivered and the clerk's work: all of it in counts.
    const received = await eventually('a heartbeat with both dossiers delivered and the clerk counted', async () => {
      const all = await heartbeats();
      const last = all.at(-1)?.heartbeat.health;
      return last &&
        last.counts.dossiers === 2 &&
        last.outbox.waiting === 0 &&
        last.counts.visits >= 1 &&
        last.staff.lookups === 2 &&
        last.staff.retries === 1
        ? all
        : undefined;
    }, { timeoutMs: 30_000 });
    expect(received.at(-1)!.heartbeat.health.staff).toEqual({
      windowSeconds: 86_400,
      unlocks: 1,
      failedPins: 1,
      lockouts: 0,
      reprints: 0,
      retries: 1,
      lookups: 2,
      lastLockoutAt: null,
    });
    const metrics = await (await fetch(backend.health.metricsUrl!)).text();
    expect(metrics).toMatch(/^kiosk_submissions_total\{kind="dossier",kiosk_id="PRIV-01"\} 2$/m);
    expect(metrics).toMatch(/^kiosk_staff_actions_24h\{action="failed_pin",kiosk_id="PRIV-01"\} 1$/m);
    expect(metrics).toMatch(/^kiosk_staff_actions_24h\{action="lookup",kiosk_id="PRIV-01"\} 2$/m);

    const ledger = (await (await fetch(`${simUrl}/__sim/ledger`)).json()) as {
      dossiers: Array<{ dossierCode: string; idempotencyKey: string }>;
    };
    const p = demoCitizen;
    const secrets = [
      p.citizenId,
      p.phone,
      p.fullName,
      fold(p.fullName),
      ...p.fullName.split(' ').filter((w) => w.length > 3),
      p.email!,
      p.birthDate,
      p.birthDate.split('-').reverse().join('/'),
      p.address!.detail,
      fold(p.address!.detail),
      'to-khai.pdf',
      'giấy chứng sinh',
      ...localRefs,
      ...ledger.dossiers.flatMap((d) => [d.dossierCode, d.idempotencyKey]),
      // Staff are not citizens, but the health says what was done, never by whom.
      ...demoStaff.flatMap((s) => [s.id, s.name, fold(s.name), ...s.name.split(' ').filter((w) => w.length > 3)]),
    ];
    const payloads = JSON.stringify(received);
    for (const secret of secrets) {
      expect(metrics.includes(secret), `/metrics contains "${secret}"`).toBe(false);
      expect(payloads.includes(secret), `a heartbeat contains "${secret}"`).toBe(false);
    }

    // Beyond the known data: every label is one of ours, with a value from a fixed set.
    const allowedLabels: Record<string, RegExp> = {
      kiosk_id: /^PRIV-01$/,
      version: /^\d+\.\d+\.\d+([-+][0-9A-Za-z.]+)?$/,
      channel: /^(stable|pilot|none)$/,
      electron: /^(none|\d+\.\d+\.\d+)$/,
      node: /^\d+\.\d+\.\d+$/,
      state: /^(waiting|sending|needs_attention)$/,
      kind: /^(dossier|complaint)$/,
      action: /^(unlock|failed_pin|lockout|reprint|retry|lookup)$/,
    };
    for (const [, labels] of metrics.matchAll(/^kiosk_[a-z_]+\{([^}]*)\}/gm)) {
      for (const [, name, value] of labels!.matchAll(/([a-z_]+)="([^"]*)"/g)) {
        expect(allowedLabels[name!], `label ${name}`).toBeDefined();
        expect(value, `label ${name}`).toMatch(allowedLabels[name!]!);
      }
    }
    // And every string in a heartbeat is the kiosk id, a version, a channel, a device id or a time.
    const isTime = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s);
    for (const s of strings(received)) {
      const known =
        isTime(s) || s === 'PRIV-01' || s === 'KIOSK-DEMO-DEVICE' || /^\d+\.\d+\.\d+/.test(s) || s === 'stable' || s === 'pilot';
      expect(known, `heartbeat string "${s}"`).toBe(true);
    }
  }, 60_000); // Long: a full visit through a real kiosk, then heartbeats at their own pace.
});
