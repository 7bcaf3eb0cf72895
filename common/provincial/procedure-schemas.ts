import { z } from 'zod';

/**
 * Wire schemas of the provincial API's procedure/agency catalog and verification codes
 * (simulator/openapi.yaml describes the same shapes). The catalog bodies are the domain schemas
 * themselves (common/domain/procedures.ts): ProceduresCatalog and AgenciesCatalog.
 */
export const CaptchaResponse = z.object({
  captchaId: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/),
  /** An SVG drawing of the code; the kiosk shows it as an image, never as markup. */
  imageSvg: z.string().min(20).max(30_000).startsWith('<svg'),
  expiresInSeconds: z.number().int().positive(),
});
export type CaptchaResponse = z.infer<typeof CaptchaResponse>;

export const CaptchaVerifyRequest = z.object({
  captchaId: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/),
  answer: z.string().regex(/^\d{1,12}$/),
});
export type CaptchaVerifyRequest = z.infer<typeof CaptchaVerifyRequest>;

/** `valid` is false for a wrong answer and for an unknown, expired or already used code. */
export const CaptchaVerifyResponse = z.object({ valid: z.boolean() });
export type CaptchaVerifyResponse = z.infer<typeof CaptchaVerifyResponse>;
