import { z } from 'zod';
import { Gender } from './auth';
import { cccdBirthFacts, checkCitizenId, CitizenId } from './citizen-id';
import { hasForbiddenCharacters } from './free-text';
import { BirthDate, normalizeFreeText, OptionalEmail, PersonName } from './person';
import { MobileNumber } from './phone';

/**
 * The forms of "Đăng ký tài khoản công dân bằng số thuê bao di động", its password recovery and
 * the ownership complaint. One schema per form: the screen checks it (renderer useZodForm), the RPC
 * boundary in main uses it, and the simulator parses the API request with it (the normalised
 * output parses to itself, so the same schema reads the form and the wire).
 */

const RequiredGender = z.enum(Gender.options, { errorMap: () => ({ message: 'gender.empty' }) });

const ProvinceCode = z.string({ required_error: 'address.province' }).regex(/^\d{2}$/, 'address.province');
const CommuneCode = z.string({ required_error: 'address.commune' }).regex(/^\d{5}$/, 'address.commune');
/**
 * House number and street, or thôn/buôn/tổ dân phố: required here as in every address the kiosk
 * takes (the dossier's contact address, a postal delivery address), so the account's address can
 * be used as it is later and the result can be delivered to it. 200 characters fit the dossier's 300.
 */
const AddressDetail = z
  .string({ required_error: 'address.empty', invalid_type_error: 'address.empty' })
  .max(400, 'address.detailTooLong')
  .refine((s) => !hasForbiddenCharacters(s), 'address.characters')
  .transform(normalizeFreeText)
  .pipe(z.string().min(1, 'address.empty').max(200, 'address.detailTooLong'));

export const RegistrationForm = z
  .object({
    fullName: PersonName,
    citizenId: CitizenId,
    birthDate: BirthDate,
    gender: RequiredGender,
    phone: MobileNumber,
    email: OptionalEmail,
    provinceCode: ProvinceCode,
    communeCode: CommuneCode,
    addressDetail: AddressDetail,
  })
  .superRefine((form, ctx) => {
    // A CCCD states the holder's gender and birth year (digits 4–6); a card that disagrees with
    // what was typed is almost always a typo in one of them.
    // zod runs this even when a field already failed (its value is then not a string).
    if (typeof form.citizenId !== 'string' || typeof form.birthDate !== 'string') return;
    const id = checkCitizenId(form.citizenId);
    if (!id.ok || id.kind !== 'cccd') return;
    const facts = cccdBirthFacts(id.value);
    if (facts.birthYear !== Number(form.birthDate.slice(0, 4))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['citizenId'], message: 'citizenId.birth_year_mismatch' });
    } else if (facts.gender !== form.gender) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['citizenId'], message: 'citizenId.gender_mismatch' });
    }
  });
export type RegistrationFormInput = z.input<typeof RegistrationForm>;
export type Registration = z.output<typeof RegistrationForm>;

/** "Quên mật khẩu": the ID of the account and the phone it is registered to. */
export const PasswordResetForm = z.object({ citizenId: CitizenId, phone: MobileNumber });
export type PasswordResetFormInput = z.input<typeof PasswordResetForm>;

const ComplaintText = z
  .string({ required_error: 'description.empty', invalid_type_error: 'description.empty' })
  .max(4000, 'description.tooLong')
  .refine((s) => !hasForbiddenCharacters(s), 'description.characters')
  .transform(normalizeFreeText)
  .pipe(z.string().min(1, 'description.empty').min(10, 'description.tooShort').max(1000, 'description.tooLong'));

/**
 * "Khiếu nại": someone registered an account with this citizen's ID. Who complains, how to reach
 * them, and what happened, in their own words.
 */
export const ComplaintForm = z.object({
  citizenId: CitizenId,
  fullName: PersonName,
  phone: MobileNumber,
  description: ComplaintText,
});
export type ComplaintFormInput = z.input<typeof ComplaintForm>;
export type Complaint = z.output<typeof ComplaintForm>;

/** A client-generated key: the API records one complaint per key however often it is sent. */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'generic.invalid');
