import { randomBytes, randomInt } from 'node:crypto';
import { CAPTCHA_LENGTH, normaliseCaptchaAnswer, renderCaptchaSvg } from '../common/captcha/render-svg';
import type { SimClock } from './clock';

/**
 * The API's verification codes (mã xác nhận): issued with an image, valid for a few minutes, and
 * used up by the first verification, right or wrong, so a code cannot be guessed by retrying.
 */
export const CAPTCHA_TTL_SECONDS = 300;

export interface SimCaptcha {
  issue(): { captchaId: string; imageSvg: string; expiresInSeconds: number };
  verify(captchaId: string, answer: string): boolean;
  /** Simulator only: the code behind an id, so tests can type it as a citizen reads it. */
  peek(captchaId: string): string | undefined;
  /** Simulator only: the newest code still open, for tests and the demo. */
  latest(): { captchaId: string; code: string } | undefined;
  reset(): void;
}

export function buildSimCaptcha(clock: SimClock): SimCaptcha {
  const codes = new Map<string, { code: string; expiresAt: number }>();
  const random = () => randomInt(0, 1_000_000) / 1_000_000;

  function sweep(now: number) {
    for (const [id, c] of codes) if (c.expiresAt <= now) codes.delete(id);
  }

  return {
    issue() {
      const now = clock.now().getTime();
      sweep(now);
      const code = Array.from({ length: CAPTCHA_LENGTH }, () => String(randomInt(0, 10))).join('');
      const captchaId = randomBytes(18).toString('base64url');
      codes.set(captchaId, { code, expiresAt: now + CAPTCHA_TTL_SECONDS * 1000 });
      return { captchaId, imageSvg: renderCaptchaSvg(code, random), expiresInSeconds: CAPTCHA_TTL_SECONDS };
    },
    verify(captchaId, answer) {
      const entry = codes.get(captchaId);
      codes.delete(captchaId);
      return entry !== undefined && entry.expiresAt > clock.now().getTime() && entry.code === normaliseCaptchaAnswer(answer);
    },
    peek: (captchaId) => codes.get(captchaId)?.code,
    latest() {
      const entries = [...codes.entries()];
      const last = entries[entries.length - 1];
      return last ? { captchaId: last[0], code: last[1].code } : undefined;
    },
    reset() {
      codes.clear();
    },
  };
}
