import type { DossierPayload } from '../../common/domain/dossier';
import { demoCitizens } from './citizens';

/**
 * SAMPLE DATA — a dossier as the wizard hands it to the outbox: the first demo citizen applying
 * for procedure 1.001193 at a commune People's Committee. Tests, the crash worker and the
 * benchmarks all store this one, so a change to the payload schema is made in one place.
 */
export function sampleDossierPayload(overrides: Partial<DossierPayload> = {}): DossierPayload {
  const { citizenId, fullName, birthDate, gender, phone, email, address } = demoCitizens[0]!.profile;
  return {
    procedureCode: '1.001193',
    agencyId: 'UBND-24133',
    applicant: { citizenId, fullName, birthDate, gender, phone, ...(email && { email }), address: address! },
    deliveryMethod: 'at_agency',
    declarationAccepted: true,
    ...overrides,
  };
}
