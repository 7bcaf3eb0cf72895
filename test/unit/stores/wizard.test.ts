import { randomUUID } from 'node:crypto';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenProfile } from '../../../common/domain/auth';
import { freshPinia, latestSms, startRendererBackend, type RendererBackend } from '../../support/renderer-stores';

/**
 * The dossier wizard's step machine (renderer/src/stores/wizard.ts) on the real backend: each
 * "Đồng ý và tiếp tục" is guarded by its step's schema, "Quay lại" walks back, "Sửa" on the review
 * comes straight back to it, and a different procedure forgets what belonged to the old one.
 */
let rb: RendererBackend;
let useWizardStore: typeof import('../../../renderer/src/stores/wizard').useWizardStore;
let dossier: typeof import('../../../renderer/src/actions/dossier');
let auth: typeof import('../../../renderer/src/actions/auth');
const samplePdf = 'resources/sample-documents/to-khai-mau.pdf';
const procedureCode = '1.001193';

beforeAll(async () => {
  rb = await startRendererBackend();
  ({ useWizardStore } = await import('../../../renderer/src/stores/wizard'));
  dossier = await import('../../../renderer/src/actions/dossier');
  auth = await import('../../../renderer/src/actions/auth');
});
afterAll(async () => rb?.close());
beforeEach(freshPinia);

async function logIn(): Promise<CitizenProfile> {
  const started = await auth.startLogin({ citizenId: '066185000123', password: 'Demo@2026' });
  if (!started.ok) throw new Error(started.error.code);
  const verified = await auth.verifyOtp('login', { challengeId: started.value.challengeId, otp: await latestSms(rb.backend, '0912345678') });
  if (!verified.ok || !('citizen' in verified.value)) throw new Error('login failed');
  return verified.value.citizen;
}

/** A file "scanned" into the configured folder during the visit and picked for one document. */
async function attach(wizard: ReturnType<typeof useWizardStore>, documentId: string) {
  const fileName = `${documentId}-${randomUUID()}.pdf`;
  copyFileSync(samplePdf, join(rb.scanner, fileName));
  const staged = await dossier.stageFromFolder(documentId, 'scan', fileName, () => {});
  if (!staged.ok) throw new Error(staged.error.code);
  wizard.attachments[documentId] = { ...staged.value, thumbnail: null };
}

/** Steps 2–6 filled in correctly, on the review (step 7). */
async function toReview(wizard: ReturnType<typeof useWizardStore>) {
  await wizard.chooseProcedure(procedureCode);
  await wizard.next();
  wizard.agencyId = wizard.agencies[0]!.id;
  await wizard.next();
  await wizard.next();
  for (const d of wizard.procedure!.documents.filter((doc) => doc.required)) await attach(wizard, d.id);
  await wizard.next();
  wizard.deliveryMethod = wizard.procedure!.deliveryMethods.includes('at_agency') ? 'at_agency' : wizard.procedure!.deliveryMethods[0]!;
  wizard.deliveryToContact = true;
  await wizard.next();
  expect(wizard.step).toBe(7);
}

describe('the wizard store', () => {
  it('does not leave a step whose answers fail its schema, and names the field that failed', async () => {
    const wizard = useWizardStore();
    await wizard.begin(await logIn());
    expect(wizard.procedures.length).toBeGreaterThan(0);
    expect(wizard.step).toBe(2);

    await wizard.next();
    expect(wizard.step).toBe(2);
    expect(wizard.errors).toEqual({ procedureCode: 'wizard.procedureRequired' });
    expect(wizard.agencies).toEqual([]);

    await wizard.chooseProcedure(procedureCode);
    await wizard.next();
    expect(wizard.step).toBe(3);
    expect(wizard.errors).toEqual({});
    // The agencies of this procedure, from the catalogue.
    expect(wizard.agencies.length).toBeGreaterThan(0);

    await wizard.next();
    expect(wizard.step).toBe(3);
    expect(wizard.errors).toEqual({ agencyId: 'wizard.agencyRequired' });
    // An id that is not one of the procedure's agencies is no choice either.
    wizard.agencyId = 'UBND-NOWHERE';
    await wizard.next();
    expect(wizard.step).toBe(3);
    wizard.agencyId = wizard.agencies[0]!.id;
    await wizard.next();
    expect(wizard.step).toBe(4);

    const phone = wizard.contact.phone;
    wizard.contact.phone = '';
    wizard.contact.address.communeCode = '';
    await wizard.next();
    expect(wizard.step).toBe(4);
    expect(Object.keys(wizard.errors).sort()).toEqual(['address.communeCode', 'phone']);
    expect(wizard.errors.phone).toMatch(/^phone\./);
    wizard.contact.phone = phone;
    wizard.contact.address.communeCode = (await dossierCommune())!;
    await wizard.next();
    expect(wizard.step).toBe(5);

    const required = wizard.procedure!.documents.filter((d) => d.required).map((d) => d.id);
    expect(required.length).toBeGreaterThan(0);
    await wizard.next();
    expect(wizard.step).toBe(5);
    expect(wizard.errors).toEqual(Object.fromEntries(required.map((id) => [`attachments.${id}`, 'attachment.required'])));
    for (const id of required) await attach(wizard, id);
    await wizard.next();
    expect(wizard.step).toBe(6);

    await wizard.next();
    expect(wizard.step).toBe(6);
    expect(wizard.errors).toEqual({ deliveryMethod: 'wizard.deliveryRequired' });
  });

  it('walks back one step at a time with "Quay lại", and says when it leaves the wizard', async () => {
    const wizard = useWizardStore();
    await wizard.begin(await logIn());
    await toReview(wizard);
    wizard.errors = { captchaAnswer: 'captcha.empty' };
    expect(wizard.back()).toBe('stayed');
    expect(wizard.step).toBe(6);
    expect(wizard.errors).toEqual({});
    for (const step of [5, 4, 3, 2]) {
      expect(wizard.back()).toBe('stayed');
      expect(wizard.step).toBe(step);
    }
    expect(wizard.back()).toBe('left');
    expect(wizard.step).toBe(2);
    // Walking back forgets nothing that was chosen.
    expect(wizard.procedureCode).toBe(procedureCode);
    expect(Object.keys(wizard.attachments).length).toBeGreaterThan(0);
  });

  it('after "Sửa" on the review, goes straight back to the review, still guarded by the edited step', async () => {
    const wizard = useWizardStore();
    await wizard.begin(await logIn());
    await toReview(wizard);

    wizard.edit(4);
    expect(wizard.step).toBe(4);
    const phone = wizard.contact.phone;
    wizard.contact.phone = '12';
    await wizard.next();
    expect(wizard.step).toBe(4);
    expect(wizard.errors.phone).toMatch(/^phone\./);
    wizard.contact.phone = phone;
    await wizard.next();
    expect(wizard.step).toBe(7);
    expect(wizard.returnToReview).toBe(false);

    // "Quay lại" from an edited step returns to the review too, not to the step before it.
    wizard.edit(3);
    expect(wizard.back()).toBe('stayed');
    expect(wizard.step).toBe(7);
    // And from the review, "Quay lại" is the delivery step again.
    expect(wizard.back()).toBe('stayed');
    expect(wizard.step).toBe(6);
  });

  it('forgets the agency, the files and the delivery when another procedure is chosen', async () => {
    const wizard = useWizardStore();
    await wizard.begin(await logIn());
    await toReview(wizard);
    wizard.edit(2);
    await wizard.chooseProcedure(procedureCode);
    expect(wizard.agencyId).not.toBe('');
    expect(wizard.returnToReview).toBe(true);

    const other = wizard.procedures.find((p) => p.code !== procedureCode)!;
    await wizard.chooseProcedure(other.code);
    expect(wizard.agencyId).toBe('');
    expect(wizard.agencies).toEqual([]);
    expect(wizard.attachments).toEqual({});
    expect(wizard.deliveryMethod).toBe('');
    expect(wizard.returnToReview).toBe(false);
    // Main drops the staged files too.
    expect(readdirSync(join(rb.dataDir, 'staging'))).toEqual([]);
    await wizard.next();
    expect(wizard.step).toBe(3);
  });

  it('gives a fresh code after a wrong verification code, and submits with the right one', async () => {
    const wizard = useWizardStore();
    await wizard.begin(await logIn());
    await toReview(wizard);
    await wizard.newCaptcha(true);
    const first = wizard.captcha!;
    expect(first.text).toMatch(/^\d+$/);

    wizard.captchaAnswer = first.text === '0000' ? '1111' : '0000';
    await wizard.submit();
    expect(wizard.step).toBe(7);
    expect(wizard.errors).toEqual({ declarationAccepted: 'declaration.required' });
    wizard.declarationAccepted = true;
    wizard.captchaAnswer = first.text === '0000' ? '1111' : '0000';
    await wizard.submit();
    expect(wizard.failure?.code).toBe('captcha_invalid');
    expect(wizard.errors).toEqual({ captchaAnswer: 'captcha.wrong' });
    expect(wizard.captcha!.captchaId).not.toBe(first.captchaId);
    expect(wizard.captchaAnswer).toBe('');
    expect(wizard.result).toBeNull();

    wizard.captchaAnswer = wizard.captcha!.text!;
    await wizard.submit();
    expect(wizard.busy).toBe(false);
    expect(wizard.result).not.toBeNull();
    expect(wizard.attachments).toEqual({});
  });
});

/** A commune of the demo citizen's province, from the catalogue the address fields use. */
async function dossierCommune(): Promise<string | undefined> {
  const { adminUnits } = await import('../../../renderer/src/actions/catalog');
  const r = await adminUnits();
  return r.ok ? r.value.catalog.provinces[0]?.communes[0]?.code : undefined;
}
