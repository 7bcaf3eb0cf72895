import { describe, expect, it } from 'vitest';
import { ComplaintPayload, DossierPayload, DossierSubmission } from '../../common/domain/dossier';
import { samplePayload } from '../integration/outbox/fixtures';

const keys = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('dossier submission schema', () => {
  it('accepts a complete dossier and keeps names of Ê Đê and M’nông citizens intact (NFC)', () => {
    const r = DossierPayload.safeParse(samplePayload({ applicant: { ...samplePayload().applicant, fullName: " H'Hen   Niê ".normalize('NFD') } }));
    expect(r.success && r.data.applicant.fullName).toBe("H'Hen Niê".normalize('NFC'));
  });

  it('says what to fix: postal delivery without an address, an unticked declaration, a bad phone', () => {
    expect(keys(DossierPayload.safeParse({ ...samplePayload(), deliveryMethod: 'postal' }))).toEqual(['deliveryAddress.required']);
    expect(keys(DossierPayload.safeParse({ ...samplePayload(), declarationAccepted: false }))).toEqual(['declaration.required']);
    expect(keys(DossierPayload.safeParse({ ...samplePayload(), applicant: { ...samplePayload().applicant, phone: '0123' } }))).toEqual(['phone.not_mobile']);
    expect(keys(DossierPayload.safeParse({ ...samplePayload(), applicant: { ...samplePayload().applicant, birthDate: '2023-02-29' } }))).toEqual(['birthDate.format']);
  });

  it('takes only PDF, JPEG and PNG attachments with a SHA-256 and a plain file name', () => {
    const base = { ...samplePayload(), submittedAt: '2025-03-15T09:00:00+07:00' };
    const att = { documentId: 'D1', fileName: 'giay-khai-sinh.pdf', mediaType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) };
    expect(DossierSubmission.safeParse({ ...base, attachments: [att] }).success).toBe(true);
    expect(keys(DossierSubmission.safeParse({ ...base, attachments: [{ ...att, mediaType: 'application/zip' }] }))).toEqual(['attachment.mediaType']);
    expect(keys(DossierSubmission.safeParse({ ...base, attachments: [{ ...att, fileName: '../etc/passwd' }] }))).toEqual(['attachment.fileName']);
    expect(keys(DossierSubmission.safeParse({ ...base, attachments: [{ ...att, sha256: 'XYZ' }] }))).toEqual(['attachment.sha256']);
  });

  it('complaints need a name, a mobile number, the ID complained about and a description of 10–1000 characters', () => {
    const ok = { fullName: 'Y Bhim Niê', phone: '0987654321', citizenId: '066079001234', description: 'Tài khoản này không phải của tôi.' };
    expect(ComplaintPayload.safeParse(ok).success).toBe(true);
    expect(keys(ComplaintPayload.safeParse({ ...ok, description: 'ngắn' }))).toEqual(['complaint.tooShort']);
  });
});
