import { randomBytes, randomInt } from 'node:crypto';
import { CAPTCHA_LENGTH, normaliseCaptchaAnswer, renderCaptchaSvg } from '../../../common/captcha/render-svg';
import type { Result } from '../../../common/result';
import type { Logger } from '../../log';
import type { ClientError } from '../provincial-api/client';
import type { CaptchaResponse, CaptchaVerifyRequest, CaptchaVerifyResponse } from '../../../common/provincial/procedure-schemas';

/**
 * The verification code (mã xác nhận) on the review step. Online, the provincial API issues and
 * checks it, as on the portal. Offline, the kiosk issues one itself and checks it locally: the
 * dossier still goes into the outbox, and a citizen standing at the counter is no robot.
 *
 * The "show as text" fallback is always a kiosk-issued code shown in plain characters: the API's
 * code is only ever an image, and a kiosk in a staffed office does not need the image as a bot
 * barrier — it needs a citizen who cannot read distorted digits to still be able to finish.
 */
export type CaptchaSource = 'api' | 'kiosk';

export interface IssuedCaptcha {
  captchaId: string;
  source: CaptchaSource;
  imageSvg: string;
  /** The code in plain digits: only for a kiosk code asked for as text. */
  text: string | null;
  expiresInSeconds: number;
}

export type CaptchaCheck = 'valid' | 'invalid' | 'unreachable';

const LOCAL_TTL_SECONDS = 600;
const API_PREFIX = 'api.';
const LOCAL_PREFIX = 'kiosk.';

export function buildCaptcha(deps: {
  api: {
    issueCaptcha(): Promise<Result<CaptchaResponse, ClientError>>;
    verifyCaptcha(req: CaptchaVerifyRequest): Promise<Result<CaptchaVerifyResponse, ClientError>>;
  };
  now: () => number;
  logger: Logger;
  /** How long to wait for the API before issuing locally: a citizen is looking at the screen. */
  apiWaitMs?: number;
}) {
  const local = new Map<string, { code: string; expiresAt: number }>();
  const random = () => randomInt(0, 1_000_000) / 1_000_000;

  function issueLocal(asText: boolean): IssuedCaptcha {
    const now = deps.now();
    for (const [id, c] of local) if (c.expiresAt <= now) local.delete(id);
    const code = Array.from({ length: CAPTCHA_LENGTH }, () => String(randomInt(0, 10))).join('');
    const captchaId = `${LOCAL_PREFIX}${randomBytes(12).toString('base64url')}`;
    local.set(captchaId, { code, expiresAt: now + LOCAL_TTL_SECONDS * 1000 });
    return { captchaId, source: 'kiosk', imageSvg: renderCaptchaSvg(code, random), text: asText ? code : null, expiresInSeconds: LOCAL_TTL_SECONDS };
  }

  async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const t = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
    try {
      return await Promise.race([p, t]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async issue(opts: { asText: boolean }): Promise<IssuedCaptcha> {
      if (opts.asText) return issueLocal(true);
      const r = await withTimeout(deps.api.issueCaptcha(), deps.apiWaitMs ?? 3000);
      if (r !== 'timeout' && r.ok) {
        return { captchaId: `${API_PREFIX}${r.value.captchaId}`, source: 'api', imageSvg: r.value.imageSvg, text: null, expiresInSeconds: r.value.expiresInSeconds };
      }
      deps.logger.info('captcha.issued_locally', { reason: r === 'timeout' ? 'timeout' : r.error.kind });
      return issueLocal(false);
    },

    /** Every code is single-use, right or wrong, like the API's. */
    async check(captchaId: string, answer: string): Promise<CaptchaCheck> {
      const typed = normaliseCaptchaAnswer(answer);
      if (captchaId.startsWith(LOCAL_PREFIX)) {
        const entry = local.get(captchaId);
        local.delete(captchaId);
        return entry !== undefined && entry.expiresAt > deps.now() && entry.code === typed ? 'valid' : 'invalid';
      }
      if (!captchaId.startsWith(API_PREFIX) || !/^\d{1,12}$/.test(typed)) return 'invalid';
      const r = await withTimeout(deps.api.verifyCaptcha({ captchaId: captchaId.slice(API_PREFIX.length), answer: typed }), deps.apiWaitMs ?? 5000);
      if (r === 'timeout' || !r.ok) return r !== 'timeout' && r.error.kind === 'api' && r.error.status === 400 ? 'invalid' : 'unreachable';
      return r.value.valid ? 'valid' : 'invalid';
    },

    forget(): void {
      local.clear();
    },
  };
}

export type Captcha = ReturnType<typeof buildCaptcha>;
