import { cccdBirthFacts, checkCitizenId } from '../domain/citizen-id';

/**
 * The QR code on the back of a chip-based CCCD, read by the counter's scanner so an elderly
 * citizen does not have to type their details:
 *
 *   ID|old ID|full name|DDMMYYYY birth date|Nam or Nữ|address|DDMMYYYY issue date
 *
 * The old (CMND) ID may be empty, and some cards leave its field out altogether (six fields).
 * The 2024 "Căn cước" card prints more fields in a layout we have not seen, so anything longer
 * is refused rather than guessed at: a wrong name silently filled in is worse than typing it.
 * The payload is personal data: nothing here logs it or puts it in a problem.
 */
export type CccdQrProblem =
  'not_cccd' | 'unknown_layout' | 'invalid_id' | 'id_mismatch' | 'invalid_date' | 'invalid_gender';

export interface CccdQrData {
  readonly citizenId: string;
  readonly oldId: string | null;
  readonly fullName: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly gender: 'male' | 'female';
  readonly address: string;
  /** YYYY-MM-DD */
  readonly issueDate: string;
}

export type CccdQrResult =
  { readonly ok: true; readonly value: CccdQrData } | { readonly ok: false; readonly problem: CccdQrProblem };

const fail = (problem: CccdQrProblem): CccdQrResult => ({ ok: false, problem });

/** The calendar date in Vietnam at `now`: a card issued this morning in Buôn Ma Thuột is not "in the future". */
function todayInVietnam(now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

/** DDMMYYYY → YYYY-MM-DD when it names a real day between 1900 and today. */
function readDate(field: string, today: string): string | undefined {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(field);
  if (m === null) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return real && year >= 1900 && iso <= today ? iso : undefined;
}

function readGender(field: string): 'male' | 'female' | undefined {
  const word = field.toLocaleLowerCase('vi');
  return word === 'nam' ? 'male' : word === 'nữ' ? 'female' : undefined;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function parseCccdQr(payload: string, now: Date): CccdQrResult {
  const fields = payload
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('|')
    .map(collapse);
  // The first field of every CCCD payload is the ID; text that does not open with digits
  // (a URL, a VietQR bank code, a product barcode) is some other code held to the scanner.
  if (fields.length < 6 || !/^\d+$/.test(fields[0] ?? '')) return fail('not_cccd');
  if (fields.length > 7) return fail('unknown_layout');
  const [id = '', oldId = '', fullName = '', birth = '', genderField = '', address = '', issue = ''] =
    fields.length === 7 ? fields : [fields[0], '', ...fields.slice(1)];
  // A six-field payload whose second field is a number is not the layout without the old ID.
  if (!/^(\d{9}|\d{12})?$/.test(oldId) || /^\d+$/.test(fullName)) return fail('unknown_layout');
  if (fullName === '' || address === '') return fail('unknown_layout');

  const checked = checkCitizenId(id);
  if (!checked.ok || checked.kind !== 'cccd' || checked.value !== id) return fail('invalid_id');

  const today = todayInVietnam(now);
  const birthDate = readDate(birth, today);
  const issueDate = readDate(issue, today);
  if (birthDate === undefined || issueDate === undefined || issueDate < birthDate) return fail('invalid_date');

  const gender = readGender(genderField);
  if (gender === undefined) return fail('invalid_gender');

  // Digit 4 of the ID encodes gender and century: it must tell the same story as the card.
  const facts = cccdBirthFacts(id);
  if (facts.gender !== gender || facts.birthYear !== Number(birthDate.slice(0, 4))) return fail('id_mismatch');

  return {
    ok: true,
    value: { citizenId: id, oldId: oldId === '' ? null : oldId, fullName, birthDate, gender, address, issueDate },
  };
}
