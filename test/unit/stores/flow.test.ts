import { randomUUID } from 'node:crypto';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenProfile } from '../../../common/domain/auth';
import { freshPinia, latestSms, startRendererBackend, type RendererBackend } from '../../support/renderer-stores';

/**
 * The flow store (renderer/src/stores/flow.ts) on the real backend: where the citizen is, and the
 * wipe that ends a visit. After "Kết thúc", the idle timeout or a session the backend ended,
 * nothing of the citizen is left in any store of the renderer or in main.
 */
let rb: RendererBackend;
let stores: {
  flow: typeof import('../../../renderer/src/stores/flow').useFlowStore;
  wizard: typeof import('../../../renderer/src/stores/wizard').useWizardStore;
  verification: typeof import('../../../renderer/src/stores/verification').useVerificationStore;
  receipt: typeof import('../../../renderer/src/stores/receipt').useReceiptStore;
  staff: typeof import('../../../renderer/src/stores/staff').useStaffStore;
  kiosk: typeof import('../../../renderer/src/stores/kiosk').useKioskStore;
};
let auth: typeof import('../../../renderer/src/actions/auth');
let clerk: typeof import('../../../renderer/src/actions/clerk');
let dossier: typeof import('../../../renderer/src/actions/dossier');

beforeAll(async () => {
  rb = await startRendererBackend();
  stores = {
    flow: (await import('../../../renderer/src/stores/flow')).useFlowStore,
    wizard: (await import('../../../renderer/src/stores/wizard')).useWizardStore,
    verification: (await import('../../../renderer/src/stores/verification')).useVerificationStore,
    receipt: (await import('../../../renderer/src/stores/receipt')).useReceiptStore,
    staff: (await import('../../../renderer/src/stores/staff')).useStaffStore,
    kiosk: (await import('../../../renderer/src/stores/kiosk')).useKioskStore,
  };
  auth = await import('../../../renderer/src/actions/auth');
  clerk = await import('../../../renderer/src/actions/clerk');
  dossier = await import('../../../renderer/src/actions/dossier');
});
afterAll(async () => rb?.close());
beforeEach(freshPinia);

async function logIn(): Promise<CitizenProfile> {
  const flow = stores.flow();
  const started = await auth.startLogin({ citizenId: '066185000123', password: 'Demo@2026' });
  if (!started.ok) throw new Error(started.error.code);
  flow.setChallenge(started.value);
  const verified = await auth.verifyOtp('login', { challengeId: started.value.challengeId, otp: await latestSms(rb.backend, '0912345678') });
  if (!verified.ok || !('citizen' in verified.value)) throw new Error('login failed');
  flow.loggedIn(verified.value.citizen);
  return verified.value.citizen;
}

const snapshot = (s: { $state: unknown }) => JSON.stringify(s.$state);

describe('the flow store', () => {
  it('goes forward and back through the screens, and back at the start stays there', () => {
    const flow = stores.flow();
    flow.go('loginMethod');
    flow.go('loginForm');
    expect(flow.screen).toBe('loginForm');
    flow.back();
    expect(flow.screen).toBe('loginMethod');
    flow.back();
    expect(flow.screen).toBe('start');
    flow.back();
    expect(flow.screen).toBe('start');
  });

  it('leaves nothing of the citizen in any store or in main after the idle wipe', async () => {
    const s = Object.fromEntries(Object.entries(stores).map(([name, use]) => [name, use()])) as {
      [K in keyof typeof stores]: ReturnType<(typeof stores)[K]>;
    };
    await s.kiosk.load();
    expect(s.kiosk.info).not.toBeNull();
    const fresh = Object.fromEntries(Object.entries(s).map(([name, store]) => [name, snapshot(store)]));

    // A visit with something in every store: a dossier with a staged file, a registration draft,
    // a receipt on screen, the clerk panel unlocked, the citizen's display choices.
    const citizen = await logIn();
    await s.wizard.begin(citizen);
    await s.wizard.chooseProcedure('1.001193');
    const fileName = `d1-${randomUUID()}.pdf`;
    copyFileSync('resources/sample-documents/to-khai-mau.pdf', join(rb.scanner, fileName));
    const staged = await dossier.stageFromFolder('d1', 'scan', fileName, () => {});
    if (!staged.ok) throw new Error(staged.error.code);
    s.wizard.attachments.d1 = { ...staged.value, thumbnail: null };
    expect(readdirSync(join(rb.dataDir, 'staging'))).not.toEqual([]);
    s.flow.go('wizard');
    s.verification.draft = { fullName: citizen.fullName, citizenId: citizen.citizenId };
    s.verification.purpose = 'registration';
    s.receipt.localRef = 'K-20261201-0001';
    s.staff.open('receipts');
    expect(await clerk.unlockClerk('246810')).toMatchObject({ ok: true });
    expect(s.staff.unlockedAs).not.toBeNull();
    s.kiosk.toggleLocale();
    s.kiosk.cycleTextSize();
    s.kiosk.highContrast = true;
    s.kiosk.inputMethod = 'telex';
    expect(document.documentElement.lang).toBe('en');
    for (const name of ['flow', 'wizard', 'verification', 'receipt', 'staff', 'kiosk'] as const) expect(snapshot(s[name]), name).not.toBe(fresh[name]);

    await s.flow.wipe('idle');

    for (const name of ['wizard', 'verification', 'receipt', 'staff', 'kiosk'] as const) expect(snapshot(s[name]), name).toBe(fresh[name]);
    expect(s.flow.$state).toEqual({ screen: 'start', history: [], challenge: null, citizen: null, generation: 1 });
    // The kiosk's settings stay, and the page speaks the kiosk's language again.
    expect(s.kiosk.info).not.toBeNull();
    expect(document.documentElement.lang).toBe('vi');
    // Main forgot the citizen, the clerk and the staged file.
    expect(await auth.citizenSession()).toEqual({ ok: true, value: { citizen: null } });
    expect(await clerk.clerkSession()).toEqual({ ok: true, value: { staff: null } });
    expect(readdirSync(join(rb.dataDir, 'staging'))).toEqual([]);
  });

  it('wipes when the backend has already ended the session, and not while it holds it', async () => {
    const flow = stores.flow();
    await logIn();
    await flow.keepSessionAlive();
    expect(flow.screen).toBe('home');
    expect(flow.citizen).not.toBeNull();
    expect(flow.generation).toBe(0);

    // Main forgets an idle citizen on its own (here: the session is ended behind the renderer's back).
    expect(await rb.backend.dispatch('auth.logout', {})).toEqual({ ok: true, value: {} });
    await flow.keepSessionAlive();
    expect(flow.screen).toBe('start');
    expect(flow.citizen).toBeNull();
    expect(flow.generation).toBe(1);
  });
});
