import { z } from 'zod';
import { Gender } from './auth';
import { CitizenId } from './citizen-id';
import { hasForbiddenCharacters } from './free-text';
import { MobileNumber } from './phone';

/**
 * What a citizen submits: a dossier (the guide's "Nộp hồ sơ trực tuyến") or a complaint about an
 * account that uses their ID number ("khiếu nại"). The kiosk validates these before storing them
 * in the outbox, and the simulator validates them again on intake, with this same schema.
 * Messages are locale keys under `validation.`.
 */

export const AttachmentMediaType = z.enum(['application/pdf', 'image/jpeg', 'image/png'], {
  errorMap: () => ({ message: 'attachment.mediaType' }),
});
export type AttachmentMediaType = z.infer<typeof AttachmentMediaType>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'attachment.sha256');

/** The largest single attachment the API takes; the wizard may configure a smaller one. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const MAX_ATTACHMENTS = 30;

const Code = (key: string) =>
  z
    .string({ required_error: `${key}.empty`, invalid_type_error: `${key}.empty` })
    .trim()
    .min(1, `${key}.empty`)
    .max(64, `${key}.format`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, `${key}.format`);

/** Names keep their diacritics and the apostrophes of Ê Đê, M'nông and J'rai names (H'Hen Niê). */
export const PersonName = z
  .string({ required_error: 'fullName.empty', invalid_type_error: 'fullName.empty' })
  .max(400, 'fullName.tooLong')
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'fullName.empty')
      .max(200, 'fullName.tooLong')
      .regex(/^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u, 'fullName.format'),
  );

/** A calendar date (YYYY-MM-DD) that exists: 2023-02-29 does not. */
export const CalendarDate = z
  .string({ required_error: 'birthDate.empty', invalid_type_error: 'birthDate.empty' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'birthDate.format')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && d.getUTCFullYear() >= 1900;
  }, 'birthDate.format');

const AddressDetail = z
  .string({ required_error: 'address.empty', invalid_type_error: 'address.empty' })
  .max(600, 'address.tooLong')
  .refine((s) => !hasForbiddenCharacters(s), 'address.characters')
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1, 'address.empty').max(300, 'address.tooLong'));

/** Province → commune/ward → street detail (two-level local government since 1 July 2025). */
export const Address = z
  .object({
    provinceCode: z.string().regex(/^\d{2}$/, 'address.province'),
    communeCode: z.string().regex(/^\d{5}$/, 'address.commune'),
    detail: AddressDetail,
  })
  .strict();
export type Address = z.infer<typeof Address>;

export const DeliveryAddress = Address.extend({ phone: MobileNumber }).strict();

export const DeliveryMethod = z.enum(['at_agency', 'postal', 'online'], {
  errorMap: () => ({ message: 'deliveryMethod.invalid' }),
});
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;

export const Applicant = z
  .object({
    citizenId: CitizenId,
    fullName: PersonName,
    birthDate: CalendarDate,
    gender: Gender,
    phone: MobileNumber,
    email: z.string().email('email.format').max(254, 'email.format').nullable().optional(),
    address: Address,
  })
  .strict();
export type Applicant = z.infer<typeof Applicant>;

/** A file name as the citizen sees it: no directory parts, no control characters. */
export const AttachmentFileName = z
  .string()
  .transform((s) => s.normalize('NFC'))
  .pipe(
    z
      .string()
      .min(1, 'attachment.fileName')
      .max(255, 'attachment.fileName')
      .regex(/^[^/\\\u0000-\u001f]+$/, 'attachment.fileName')
      .refine((s) => s !== '.' && s !== '..', 'attachment.fileName'),
  );

export const AttachmentRef = z
  .object({
    documentId: Code('documentId'),
    fileName: AttachmentFileName,
    mediaType: AttachmentMediaType,
    size: z.number().int().min(1, 'attachment.empty').max(MAX_ATTACHMENT_BYTES, 'attachment.tooLarge'),
    sha256: Sha256Hex,
  })
  .strict();
export type AttachmentRef = z.infer<typeof AttachmentRef>;

const Timestamp = z.string().datetime({ offset: true, message: 'submittedAt.format' });

const dossierFields = {
  procedureCode: Code('procedureCode'),
  agencyId: Code('agencyId'),
  applicant: Applicant,
  deliveryMethod: DeliveryMethod,
  deliveryAddress: DeliveryAddress.optional(),
  declarationAccepted: z.literal(true, { errorMap: () => ({ message: 'declaration.required' }) }),
};

function postalNeedsAddress(d: { deliveryMethod: DeliveryMethod; deliveryAddress?: unknown }, ctx: z.RefinementCtx) {
  if (d.deliveryMethod === 'postal' && d.deliveryAddress === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['deliveryAddress'], message: 'deliveryAddress.required' });
  }
}

/** A finished dossier, as stored in the outbox and sent to the provincial API. */
export const DossierSubmission = z
  .object({
    ...dossierFields,
    attachments: z.array(AttachmentRef).max(MAX_ATTACHMENTS, 'attachment.tooMany'),
    submittedAt: Timestamp,
  })
  .strict()
  .superRefine(postalNeedsAddress);
export type DossierSubmission = z.output<typeof DossierSubmission>;

/**
 * What the wizard hands to the outbox: everything but the attachment facts (size and SHA-256,
 * which the outbox measures while copying the files) and the time (the moment it is stored).
 */
export const DossierPayload = z.object(dossierFields).strict().superRefine(postalNeedsAddress);
export type DossierPayload = z.input<typeof DossierPayload>;

/** "Khiếu nại": someone else's account uses this citizen's ID number. */
export const ComplaintSubmission = z
  .object({
    fullName: PersonName,
    phone: MobileNumber,
    /** The CMND/CCCD the complaint is about. */
    citizenId: CitizenId,
    description: z
      .string({ required_error: 'complaint.empty', invalid_type_error: 'complaint.empty' })
      .max(2000, 'complaint.tooLong')
      .refine((s) => !hasForbiddenCharacters(s), 'complaint.characters')
      .transform((s) => s.normalize('NFC').trim())
      .pipe(z.string().min(10, 'complaint.tooShort').max(1000, 'complaint.tooLong')),
    submittedAt: Timestamp,
  })
  .strict();
export type ComplaintSubmission = z.output<typeof ComplaintSubmission>;

export const ComplaintPayload = ComplaintSubmission.omit({ submittedAt: true });
export type ComplaintPayload = z.input<typeof ComplaintPayload>;
