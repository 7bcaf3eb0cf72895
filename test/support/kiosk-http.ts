import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import type { DossierSubmitResult } from '../../common/domain/wizard';
import { demoCitizens } from '../../simulator/seed/citizens';

/**
 * A citizen's visit driven through the kiosk's own HTTP API (the transport the Chromium shell
 * uses), for tests that need real dossiers in a running `out/main/web.js` without a browser:
 * log in with the SMS OTP from the simulator, stage files from a configured folder, take a
 * kiosk-issued verification code, submit. The same calls, in the same order, as the renderer.
 */
export interface KioskHttp {
  call<T = unknown>(method: string, input: unknown): Promise<T>;
}

export function kioskHttp(kioskUrl: string): KioskHttp {
  const url = new URL(kioskUrl);
  const secret = /#k=(.+)$/.exec(kioskUrl)?.[1];
  if (!secret) throw new Error(`no secret in ${kioskUrl}`);
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await fetch(`${url.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url.origin, authorization: `Bearer ${secret}` },
        body: JSON.stringify(input),
      });
      const body = (await r.json()) as { ok: boolean; value?: T; error?: { code: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.code ?? r.status}`);
      return body.value as T;
    },
  };
}

/** The newest OTP the simulator's SMS sandbox holds for `phone`, once it has arrived. */
async function latestOtp(simUrl: string, phone: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const body = (await (await fetch(new URL(`/__sim/sms?to=${phone}`, simUrl))).json()) as { messages: { text: string }[] };
        return (code = /\b(\d{6})\b/.exec(body.messages[0]?.text ?? '')?.[1]);
      },
      { timeout: 15_000, interval: 100, message: `an OTP for ${phone} in the simulator's SMS sandbox` },
    )
    .toBeDefined();
  return code!;
}

export const demoCitizen = demoCitizens[0]!.profile;

/** Logs the first demo citizen in (the API must be up for this part). */
export async function logIn(kiosk: KioskHttp, simUrl: string): Promise<void> {
  await kiosk.call('kiosk.presence', { state: 'visit' });
  const challenge = await kiosk.call<{ challengeId: string }>('auth.startLogin', {
    citizenId: demoCitizen.citizenId,
    password: 'Demo@2026',
  });
  await kiosk.call('auth.verifyOtp', { challengeId: challenge.challengeId, otp: await latestOtp(simUrl, demoCitizen.phone) });
}

/**
 * Submits procedure 1.001193 with a file for each of its required documents (d1 the form, d2 the
 * birth certificate, d6 the ID paper). Each file is "scanned" into the configured folder just
 * before it is picked, as at the counter: the picker offers only files that arrived during the
 * visit, and removes them once copied. Works online and offline (the catalogs must be cached).
 */
export async function submitDossier(
  kiosk: KioskHttp,
  opts: { folder: { id: string; path: string }; files: Record<'d1' | 'd2' | 'd6', string> },
): Promise<DossierSubmitResult> {
  const attachments: Array<{ documentId: string; stagedId: string }> = [];
  for (const [documentId, source] of Object.entries(opts.files)) {
    const fileName = basename(source);
    copyFileSync(source, join(opts.folder.path, fileName));
    const { jobId } = await kiosk.call<{ jobId: string }>('attachments.stageFromFolder', {
      documentId,
      folderId: opts.folder.id,
      fileName,
    });
    let job: { state: string; file?: { stagedId: string }; error?: { code: string } } | undefined;
    await expect
      .poll(async () => (job = await kiosk.call<NonNullable<typeof job>>('attachments.job', { jobId })).state, {
        timeout: 15_000,
        interval: 50,
        message: `staging ${fileName} ends`,
      })
      .not.toBe('copying');
    if (job?.state !== 'done') throw new Error(`staging ${fileName}: ${job?.error?.code ?? job?.state}`);
    attachments.push({ documentId, stagedId: job.file!.stagedId });
  }
  const captcha = await kiosk.call<{ captchaId: string; text: string }>('captcha.new', { asText: true });
  return kiosk.call('dossier.submit', {
    procedureCode: '1.001193',
    agencyId: 'UBND-24133',
    contact: { phone: demoCitizen.phone, email: demoCitizen.email ?? '', address: demoCitizen.address },
    deliveryMethod: 'at_agency',
    attachments,
    captcha: { captchaId: captcha.captchaId, answer: captcha.text },
    declarationAccepted: true,
  });
}

/** "Kết thúc": the visit ends, the session is wiped. */
export async function finishVisit(kiosk: KioskHttp): Promise<void> {
  await kiosk.call('kiosk.presence', { state: 'start' });
  await kiosk.call('visit.end', { reason: 'finished' });
}
