import type { DossierStatus } from '../common/provincial/dossier-status';
import type { SimClock } from './clock';
import type { IntakeStore } from './intake';

/**
 * Where each accepted dossier stands in the agency's processing, as the portal's public status
 * lookup ("Tra cứu hồ sơ") reports it. A dossier starts "received" when intake accepts it; tests
 * and the demo move it along through /__sim/dossiers/{code}/status.
 */
export interface DossierStatusView {
  dossierCode: string;
  status: DossierStatus;
  procedureCode: string;
  receivedAt: string;
  updatedAt: string;
}

export interface DossierStatusBoard {
  lookup(code: string): DossierStatusView | null;
  /** False when no dossier has that code. */
  set(code: string, status: DossierStatus): DossierStatusView | null;
  reset(): void;
}

export function buildDossierStatusBoard(deps: { clock: SimClock; intake: Pick<IntakeStore, 'ledger'> }): DossierStatusBoard {
  const moved = new Map<string, { status: DossierStatus; at: string }>();
  const find = (code: string) => deps.intake.ledger().dossiers.find((d) => d.dossierCode === code.toUpperCase()) ?? null;
  const view = (code: string): DossierStatusView | null => {
    const d = find(code);
    if (!d) return null;
    const m = moved.get(d.dossierCode);
    return {
      dossierCode: d.dossierCode,
      status: m?.status ?? 'received',
      procedureCode: d.procedureCode,
      receivedAt: d.receivedAt,
      updatedAt: m?.at ?? d.receivedAt,
    };
  };
  return {
    lookup: view,
    set(code, status) {
      const d = find(code);
      if (!d) return null;
      moved.set(d.dossierCode, { status, at: deps.clock.now().toISOString() });
      return view(code);
    },
    reset: () => moved.clear(),
  };
}
