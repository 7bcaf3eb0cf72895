import { z } from 'zod';
import { Address, DeliveryAddress, DeliveryMethod } from './dossier';
import { MobileNumber } from './phone';
import type { Procedure } from './procedures';

/**
 * The dossier wizard's steps, each validated by its own schema — in the renderer before "Đồng ý
 * và tiếp tục", and again in main when the whole dossier is submitted. Messages are locale keys
 * under `validation.`.
 */
const Picked = (key: string) =>
  z.string({ required_error: key, invalid_type_error: key }).min(1, key).max(64, key);

export const ProcedureStep = z.object({ procedureCode: Picked('wizard.procedureRequired') });
export const AgencyStep = z.object({ agencyId: Picked('wizard.agencyRequired') });

const OptionalEmail = z
  .string()
  .trim()
  .max(254, 'email.format')
  .transform((s) => (s === '' ? null : s))
  .pipe(z.string().email('email.format').nullable())
  .nullable();

/** What the citizen may change about themselves: how to reach them. Identity comes from the account. */
export const ApplicantContact = z
  .object({
    phone: MobileNumber,
    email: OptionalEmail,
    address: Address,
  })
  .strict();
export type ApplicantContact = z.input<typeof ApplicantContact>;

export const AttachmentChoice = z
  .object({
    documentId: z.string().min(1).max(64),
    stagedId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  })
  .strict();
export type AttachmentChoice = z.infer<typeof AttachmentChoice>;

/** Every required document of the procedure has a file. Returns the ids still missing. */
export function missingRequiredDocuments(procedure: Procedure, attached: ReadonlyArray<{ documentId: string }>): string[] {
  const have = new Set(attached.map((a) => a.documentId));
  return procedure.documents.filter((d) => d.required && !have.has(d.id)).map((d) => d.id);
}

export const DeliveryStep = z
  .object({
    deliveryMethod: DeliveryMethod,
    deliveryAddress: DeliveryAddress.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.deliveryMethod === 'postal' && d.deliveryAddress === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['deliveryAddress'], message: 'deliveryAddress.required' });
    }
  });

export const CaptchaAnswer = z
  .string({ required_error: 'captcha.empty', invalid_type_error: 'captcha.empty' })
  .transform((s) => s.replace(/[\s.\-·]/g, ''))
  .pipe(z.string().min(1, 'captcha.empty').regex(/^\d{1,12}$/, 'captcha.format'));

export const ReviewStep = z.object({
  captchaAnswer: CaptchaAnswer,
  declarationAccepted: z.literal(true, { errorMap: () => ({ message: 'declaration.required' }) }),
});

/** The whole wizard, as the renderer hands it to main. */
export const DossierSubmitInput = z
  .object({
    procedureCode: Picked('wizard.procedureRequired'),
    agencyId: Picked('wizard.agencyRequired'),
    contact: ApplicantContact,
    deliveryMethod: DeliveryMethod,
    deliveryAddress: DeliveryAddress.optional(),
    attachments: z.array(AttachmentChoice).max(30),
    captcha: z.object({ captchaId: z.string().min(8).max(160), answer: CaptchaAnswer }).strict(),
    declarationAccepted: z.literal(true, { errorMap: () => ({ message: 'declaration.required' }) }),
  })
  .strict();
export type DossierSubmitInput = z.input<typeof DossierSubmitInput>;

export const DossierSubmitResult = z.object({
  localRef: z.string(),
  /** accepted: the API took it now; queued: stored on this kiosk, sent when the API is reachable. */
  status: z.enum(['accepted', 'queued']),
  dossierCode: z.string().nullable(),
  /** YYYY-MM-DD, estimated from the procedure's processing time; null when it has none or not yet accepted. */
  expectedResultDate: z.string().nullable(),
  receivedAt: z.string(),
});
export type DossierSubmitResult = z.infer<typeof DossierSubmitResult>;
