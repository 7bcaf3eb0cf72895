import Database from 'better-sqlite3-multiple-ciphers';
import type { DossierSubmission } from '../common/domain/dossier';
import type { DossierIntakeResponse, SimLedger } from '../common/provincial/dossier-schemas';
import { err, ok, type Result } from '../common/result';
import type { SimClock } from './clock';
import { failure, type ApiFailure } from './failure';

/**
 * The simulated API's dossier register. Exactly-once follows opencrvs's events store: the
 * client's transaction id (Idempotency-Key, scoped to the device) has a unique key, and intake is
 * "insert or nothing, then read back" in one transaction, so a replay returns the first answer
 * and can never create a second dossier. An in-memory SQLite keeps that shape honest.
 */
export interface IntakeStore {
  uploadSize(sha256: string): number | null;
  recordUpload(sha256: string, size: number): void;
  intake(req: {
    deviceId: string;
    idempotencyKey: string;
    bodySha256: string;
    localRef: string;
    submission: DossierSubmission;
  }): Result<DossierIntakeResponse, ApiFailure>;
  ledger(): SimLedger;
  reset(): void;
}

const schema = `
CREATE TABLE uploads (
  sha256      TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL
) STRICT;
CREATE TABLE dossiers (
  seq             INTEGER PRIMARY KEY,
  device_id       TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  body_sha256     TEXT NOT NULL,
  dossier_code    TEXT NOT NULL UNIQUE,
  local_ref       TEXT NOT NULL,
  on_behalf_of    TEXT NOT NULL,
  procedure_code  TEXT NOT NULL,
  attachments     TEXT NOT NULL,
  received_at     TEXT NOT NULL,
  UNIQUE (device_id, idempotency_key),
  UNIQUE (device_id, local_ref)
) STRICT;`;

interface DossierRow {
  seq: number;
  device_id: string;
  idempotency_key: string;
  body_sha256: string;
  dossier_code: string;
  local_ref: string;
  on_behalf_of: string;
  procedure_code: string;
  attachments: string;
  received_at: string;
}

/** Dossier codes read like the portal's: agency prefix, received date, running number. */
function dossierCode(seq: number, at: Date): string {
  const d = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `H66-${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-${String(seq).padStart(6, '0')}`;
}

export function buildIntakeStore(clock: SimClock): IntakeStore {
  const db = new Database(':memory:');
  db.exec(schema);
  let replays = 0;

  const insert = db.prepare(`
    INSERT INTO dossiers (seq, device_id, idempotency_key, body_sha256, dossier_code, local_ref, on_behalf_of,
                          procedure_code, attachments, received_at)
    VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM dossiers), @deviceId, @idempotencyKey, @bodySha256, @dossierCode,
            @localRef, @onBehalfOf, @procedureCode, @attachments, @receivedAt)
    ON CONFLICT (device_id, idempotency_key) DO NOTHING`);
  const byKey = db.prepare('SELECT * FROM dossiers WHERE device_id = @deviceId AND idempotency_key = @idempotencyKey');
  const byRef = db.prepare('SELECT * FROM dossiers WHERE device_id = @deviceId AND local_ref = @localRef');
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM dossiers');
  const uploadSize = db.prepare('SELECT size FROM uploads WHERE sha256 = @sha256');

  const intakeTx = db.transaction((req: Parameters<IntakeStore['intake']>[0]): Result<DossierIntakeResponse, ApiFailure> => {
    const now = clock.now();
    // The kiosk's own reference is printed on the citizen's receipt: one reference, one dossier.
    // A second submission under a reference this device already used (another key) is the same
    // dossier only if it is the same content; different content means the kiosk gave one
    // reference twice (a lost database), and accepting it would leave two citizens with one proof.
    const sameRef = byRef.get(req) as DossierRow | undefined;
    if (sameRef && sameRef.idempotency_key !== req.idempotencyKey) {
      if (sameRef.body_sha256 !== req.bodySha256) {
        return err(failure(409, 'reference_conflict', `Local reference ${req.localRef} already names a different dossier from this device.`));
      }
      replays += 1;
      return ok({ dossierCode: sameRef.dossier_code, receivedAt: sameRef.received_at, replayed: true });
    }
    const missing = req.submission.attachments.filter((a) => (uploadSize.get({ sha256: a.sha256 }) as { size: number } | undefined)?.size !== a.size);
    const seq = (nextSeq.get() as { seq: number }).seq;
    const inserted =
      missing.length === 0 &&
      insert.run({
        deviceId: req.deviceId,
        idempotencyKey: req.idempotencyKey,
        bodySha256: req.bodySha256,
        dossierCode: dossierCode(seq, now),
        localRef: req.localRef,
        onBehalfOf: req.submission.applicant.citizenId,
        procedureCode: req.submission.procedureCode,
        attachments: JSON.stringify(req.submission.attachments.map((a) => ({ sha256: a.sha256, size: a.size }))),
        receivedAt: now.toISOString(),
      }).changes === 1;
    const row = byKey.get(req) as DossierRow | undefined;
    if (!row) {
      const list = missing.map((a) => a.sha256.slice(0, 12)).join(', ');
      return err(failure(422, 'attachment_missing', `Attachments not uploaded (PUT /v1/uploads/{sha256} first): ${list}.`));
    }
    if (row.body_sha256 !== req.bodySha256) {
      return err(failure(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a different dossier.'));
    }
    if (!inserted) replays += 1;
    return ok({ dossierCode: row.dossier_code, receivedAt: row.received_at, replayed: !inserted });
  });

  return {
    uploadSize: (sha256) => (uploadSize.get({ sha256 }) as { size: number } | undefined)?.size ?? null,
    recordUpload(sha256, size) {
      db.prepare('INSERT INTO uploads (sha256, size, uploaded_at) VALUES (@sha256, @size, @at) ON CONFLICT DO NOTHING').run({
        sha256,
        size,
        at: clock.now().toISOString(),
      });
    },
    intake: (req) => intakeTx.immediate(req),
    ledger() {
      const rows = db.prepare('SELECT * FROM dossiers ORDER BY seq').all() as DossierRow[];
      return {
        dossiers: rows.map((r) => ({
          dossierCode: r.dossier_code,
          idempotencyKey: r.idempotency_key,
          localRef: r.local_ref,
          deviceId: r.device_id,
          onBehalfOf: r.on_behalf_of,
          procedureCode: r.procedure_code,
          attachments: JSON.parse(r.attachments) as Array<{ sha256: string; size: number }>,
          receivedAt: r.received_at,
        })),
        uploads: (db.prepare('SELECT COUNT(*) AS n FROM uploads').get() as { n: number }).n,
        replays,
      };
    },
    reset() {
      db.exec('DELETE FROM dossiers; DELETE FROM uploads;');
      replays = 0;
    },
  };
}
