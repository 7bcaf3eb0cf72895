import type { DossierPayload } from '../../../common/domain/dossier';
import { agenciesFor, type AgenciesCatalog, type ProceduresCatalog } from '../../../common/domain/procedures';
import { missingRequiredDocuments, type DossierSubmitResult } from '../../../common/domain/wizard';
import { addWorkingDays, type WorkCalendar } from '../../../common/domain/working-days';
import type { CitizenProfile } from '../../../common/domain/auth';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { DossierSubmitInput as ParsedInput } from './types';
import type { Logger } from '../../log';
import type { Captcha } from '../captcha/captcha';
import type { Staging } from '../attachments/staging';

/** What submission needs of the outbox (services/outbox/outbox.ts): storing a dossier durably. */
export interface OutboxPort {
  enqueue(input: {
    kind: 'dossier';
    payload: DossierPayload;
    attachments: Array<{ sourcePath: string; sha256: string; mediaType: string; fileName: string; documentId: string }>;
    /** The staged files are sealed with the visit's key (attachments/staging.ts). */
    sourceKeys: (id: string) => Buffer | null;
  }): Promise<Result<{ localRef: string; idempotencyKey: string }, KioskError>>;
}

/** Sends one stored dossier now; null when it was not accepted within the wait (it stays queued). */
export type DeliverNow = (localRef: string, opts: { timeoutMs: number }) => Promise<{ dossierCode: string; receivedAt: string } | null>;

/**
 * "Nộp hồ sơ": checks the finished wizard against the catalog and the citizen's session, checks
 * the verification code, and hands the dossier to the outbox — which stores it (row + attachment
 * files + their SHA-256) in one transaction before anything tells the citizen it was received.
 * Only then, if the API is reachable, it is sent at once so the citizen can leave with the API's
 * dossier code; if not, the kiosk's own reference is the citizen's proof and the sync engine
 * sends it later.
 */
export function buildDossierSubmission(deps: {
  citizen: () => CitizenProfile | null;
  procedures: () => ProceduresCatalog | undefined;
  agencies: () => AgenciesCatalog | undefined;
  captcha: Captcha;
  staging: Staging;
  outbox: OutboxPort;
  deliverNow: DeliverNow | null;
  now: () => number;
  logger: Logger;
  deliverWaitMs?: number;
  calendar?: WorkCalendar;
}) {
  function check(input: ParsedInput): Result<{ processingDays: number | null }, KioskError> {
    const procedure = deps.procedures()?.procedures.find((p) => p.code === input.procedureCode);
    if (!procedure) return err(kioskError('procedure_not_found'));
    const agencies = agenciesFor(deps.agencies()?.agencies ?? [], procedure);
    if (!agencies.some((a) => a.id === input.agencyId)) return err(kioskError('agency_not_allowed'));
    if (!procedure.deliveryMethods.includes(input.deliveryMethod)) return err(kioskError('delivery_not_allowed'));
    for (const a of input.attachments) {
      const file = deps.staging.file(a.stagedId);
      if (!file || file.documentId !== a.documentId || !procedure.documents.some((d) => d.id === a.documentId)) {
        return err(kioskError('not_found', { issues: [{ path: ['attachments', a.documentId], message: 'attachment.missing' }] }));
      }
    }
    const missing = missingRequiredDocuments(procedure, input.attachments);
    if (missing.length > 0) {
      return err(kioskError('document_missing', { issues: missing.map((id) => ({ path: ['attachments', id], message: 'attachment.required' })) }));
    }
    return ok({ processingDays: procedure.processingDays });
  }

  return {
    async submit(input: ParsedInput): Promise<Result<DossierSubmitResult, KioskError>> {
      const citizen = deps.citizen();
      if (!citizen) return err(kioskError('session_expired'));
      const checked = check(input);
      if (!checked.ok) return checked;

      // Last, so a mistake elsewhere does not use up the code the citizen just typed.
      const code = await deps.captcha.check(input.captcha.captchaId, input.captcha.answer);
      if (code === 'invalid') return err(kioskError('captcha_invalid'));
      if (code === 'unreachable') return err(kioskError('captcha_unavailable'));

      const payload: DossierPayload = {
        procedureCode: input.procedureCode,
        agencyId: input.agencyId,
        applicant: {
          // Identity from the account, never from the renderer: the citizen cannot file as someone else.
          citizenId: citizen.citizenId,
          fullName: citizen.fullName,
          birthDate: citizen.birthDate,
          gender: citizen.gender,
          phone: input.contact.phone,
          email: input.contact.email ?? null,
          address: input.contact.address,
        },
        deliveryMethod: input.deliveryMethod,
        ...(input.deliveryMethod === 'postal' && input.deliveryAddress && { deliveryAddress: input.deliveryAddress }),
        declarationAccepted: true,
      };
      const attachments = input.attachments.map((a) => {
        const f = deps.staging.file(a.stagedId)!;
        return { sourcePath: f.path, sha256: f.sha256, mediaType: f.mediaType, fileName: f.fileName, documentId: f.documentId };
      });

      const stored = await deps.outbox.enqueue({ kind: 'dossier', payload, attachments, sourceKeys: deps.staging.sourceKeys });
      if (!stored.ok) return stored;
      const { localRef } = stored.value;
      // The outbox holds its own fsynced copies now; the visit's staged files can go. The dossier
      // is stored whatever happens to them: a failed wipe must not tell the citizen otherwise.
      await deps.staging.wipe().catch((e: unknown) => deps.logger.warn('attachments.wipe_failed', { error: e instanceof Error ? e.name : typeof e }));
      deps.logger.info('dossier.stored', { procedureCode: input.procedureCode, attachments: attachments.length });

      const receivedAt = new Date(deps.now()).toISOString();
      const sent = deps.deliverNow ? await deps.deliverNow(localRef, { timeoutMs: deps.deliverWaitMs ?? 5000 }).catch(() => null) : null;
      if (!sent) return ok({ localRef, status: 'queued', dossierCode: null, expectedResultDate: null, receivedAt });
      const days = checked.value.processingDays;
      return ok({
        localRef,
        status: 'accepted',
        dossierCode: sent.dossierCode,
        expectedResultDate: days === null ? null : addWorkingDays(sent.receivedAt, days, deps.calendar),
        receivedAt: sent.receivedAt,
      });
    },
  };
}
