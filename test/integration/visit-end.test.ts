import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../main/backend';
import { startDemoKiosk } from '../support/demo-kiosk';
import { tempDir } from './outbox/fixtures';

/**
 * The end of a visit on the real backend (demo mode: the built-in simulator, the demo clerk PIN),
 * with a configured scanner folder: whatever the citizen and the clerk had open is gone, and the
 * scanner folder's files from that visit are never offered to the next citizen.
 */
let tmp: ReturnType<typeof tempDir>;
let backend: Backend;
let scanner: string;
const pdf = readFileSync(new URL('../../resources/sample-documents/to-khai-mau.pdf', import.meta.url));

type Reply = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
const call = async (method: string, input: unknown = {}) => (await backend.dispatch(method, input)) as Reply;

beforeAll(async () => {
  tmp = tempDir('kiosk-visit-');
  scanner = join(tmp.dir, 'scanner');
  mkdirSync(scanner);
  const configFile = join(tmp.dir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({ attachments: { folders: [{ id: 'scan', label: 'Máy quét', path: scanner }] } }));
  const dataDir = join(tmp.dir, 'data');
  backend = await startDemoKiosk({ dir: tmp.dir, env: { KIOSK_CONFIG: configFile, KIOSK_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await backend?.close();
  tmp.cleanup();
});

async function logIn(): Promise<void> {
  const started = await call('auth.startLogin', { citizenId: '066185000123', password: 'Demo@2026' });
  const sms = (await (await fetch(new URL('/__sim/sms?to=0912345678', backend.demo!.apiBaseUrl))).json()) as { messages: Array<{ text: string }> };
  const otp = /\b(\d{6})\b/.exec(sms.messages[0]!.text)![1]!;
  expect(await call('auth.verifyOtp', { challengeId: started.value!.challengeId, otp })).toMatchObject({ ok: true });
}

async function listed(): Promise<string[]> {
  const r = await call('attachments.listFolder', { folderId: 'scan' });
  return (r.value!.files as Array<{ name: string }>).map((f) => f.name);
}

describe('visit.end', () => {
  it('ends the citizen and staff sessions, drops the staged files, and hides that visit’s scans from the next citizen', async () => {
    await logIn();
    expect(await call('clerk.unlock', { pin: '246810' })).toMatchObject({ ok: true });
    writeFileSync(join(scanner, 'cccd-mat-truoc.pdf'), pdf);
    writeFileSync(join(scanner, 'cccd-mat-sau.pdf'), pdf);
    expect(await listed()).toEqual(['cccd-mat-sau.pdf', 'cccd-mat-truoc.pdf']);
    const started = await call('attachments.stageFromFolder', { documentId: 'd1', folderId: 'scan', fileName: 'cccd-mat-truoc.pdf' });
    const jobId = started.value!.jobId as string;
    await expect.poll(async () => (await call('attachments.job', { jobId })).value?.state).toBe('done');
    expect(readdirSync(join(tmp.dir, 'data', 'staging'))).toHaveLength(1);
    // The picked one is deleted from the shared folder (afterPick "delete", the default).
    expect(readdirSync(scanner)).toEqual(['cccd-mat-sau.pdf']);

    expect(await call('visit.end', { reason: 'idle' })).toEqual({ ok: true, value: {} });

    expect(await call('auth.session')).toEqual({ ok: true, value: { citizen: null } });
    expect(await call('clerk.outbox.list', {})).toEqual({ ok: false, error: { code: 'clerk_required' } });
    expect(await call('attachments.job', { jobId })).toEqual({ ok: false, error: { code: 'session_expired' } });
    expect(readdirSync(join(tmp.dir, 'data', 'staging'))).toEqual([]);

    // The next citizen: the unpicked scan of the last one is still on disk, but never offered.
    await logIn();
    expect(await listed()).toEqual([]);
    expect(await call('attachments.stageFromFolder', { documentId: 'd1', folderId: 'scan', fileName: 'cccd-mat-sau.pdf' })).toEqual({
      ok: false,
      error: { code: 'file_not_allowed' },
    });
    writeFileSync(join(scanner, 'giay-khai-sinh.pdf'), pdf);
    expect(await listed()).toEqual(['giay-khai-sinh.pdf']);
    await call('visit.end', { reason: 'finished' });
  });
});
