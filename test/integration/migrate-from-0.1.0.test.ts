import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../main/backend';
import { startDemoKiosk } from '../support/demo-kiosk';
import { silentLogger } from '../../main/log';
import { migrations } from '../../main/store/migrations';
import { databaseState } from '../../main/store/encrypted-database';
import { openKioskDb } from '../support/data-key';
import { startSimulator, type RunningSimulator } from '../../simulator/server';

/**
 * An update must not lose what a kiosk holds. Kiosks in the field run release 0.1.0 (commit
 * 49d6557): this test builds a database with that release's migrations only
 * (test/fixtures/release-0.1.0/migrations, copied from that commit), fills its outbox the way that
 * build wrote it (in plain text: 0.1.0 did not encrypt) — queued dossiers, one interrupted mid-send, one already accepted, attachment
 * files on disk — then starts today's kiosk on it. The migrations run, every row and file is still
 * there, and the waiting dossiers reach the API exactly once; the accepted one is not sent again.
 */
const root = resolve(__dirname, '../..');
const fixture = join(root, 'test/fixtures/release-0.1.0');
const samples = join(root, 'resources/sample-documents');

interface FixtureRow {
  localRef: string;
  idempotencyKey: string;
  state: 'queued' | 'sending' | 'accepted';
  attempts: number;
  lastError?: string;
  remoteCode?: string;
  files: Array<[string, string, string]>;
}
const sample = JSON.parse(readFileSync(join(fixture, 'outbox.sample.json'), 'utf8')) as {
  payload: Record<string, unknown>;
  rows: FixtureRow[];
};

let dir: string;
let sim: RunningSimulator;
let backend: Backend | undefined;

/** What 0.1.0's openDatabase + migrate() left on disk, with the outbox as its repository wrote it. */
function buildReleaseDatabase(dataDir: string): void {
  mkdirSync(join(dataDir, 'attachments'), { recursive: true });
  const db = new Database(join(dataDir, 'kiosk.sqlite3'));
  db.pragma('journal_mode = WAL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  for (const file of readdirSync(join(fixture, 'migrations')).sort()) {
    const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(file)!;
    db.exec(readFileSync(join(fixture, 'migrations', file), 'utf8'));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      Number(version),
      name,
      '2027-01-04T01:00:00.000Z',
    );
  }
  const created = Date.parse('2027-01-04T02:00:00Z');
  for (const row of sample.rows) {
    const attachments = row.files.map(([documentId, fileName, mediaType]) => {
      const bytes = readFileSync(join(samples, fileName));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      copyFileSync(join(samples, fileName), join(dataDir, 'attachments', sha256));
      return { documentId, fileName, mediaType, size: statSync(join(samples, fileName)).size, sha256 };
    });
    const payload = { ...sample.payload, attachments, submittedAt: new Date(created).toISOString() };
    const id = Number(
      db
        .prepare(
          `INSERT INTO outbox (local_ref, idempotency_key, kind, payload, state, attempts, next_attempt_at, last_error, remote_code, created_at, updated_at, accepted_at)
           VALUES (@localRef, @key, 'dossier', @payload, @state, @attempts, @created, @lastError, @remoteCode, @created, @created, @acceptedAt)`,
        )
        .run({
          localRef: row.localRef,
          key: row.idempotencyKey,
          payload: JSON.stringify(payload),
          state: row.state,
          attempts: row.attempts,
          created,
          lastError: row.lastError ?? null,
          remoteCode: row.remoteCode ?? null,
          acceptedAt: row.state === 'accepted' ? created : null,
        }).lastInsertRowid,
    );
    attachments.forEach((a, position) =>
      db
        .prepare(
          'INSERT INTO outbox_attachments (outbox_id, position, document_id, sha256, size, media_type, file_name) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, position, a.documentId, a.sha256, a.size, a.mediaType, a.fileName),
    );
    db.prepare("INSERT INTO outbox_events (outbox_id, at, event, detail) VALUES (?, ?, 'stored', ?)").run(
      id,
      created,
      String(attachments.length),
    );
  }
  db.prepare("INSERT INTO outbox_ref_counters (day, last) VALUES ('270104', 4)").run();
  db.prepare(
    "INSERT INTO kiosk_identity (id, installation_id, created_at) VALUES (1, 'b3f1c2d4-0000-4000-8000-000000000001', '2027-01-04T01:00:00.000Z')",
  ).run();
  db.close();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-migrate-0.1.0-'));
  buildReleaseDatabase(join(dir, 'data'));
  sim = await startSimulator({ port: 0 });
});

afterAll(async () => {
  await backend?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('updating from release 0.1.0', () => {
  it('keeps every outbox row and file, migrates the schema, and delivers what was waiting exactly once', async () => {
    const configFile = join(dir, 'kiosk.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        kioskId: 'KIOSK-OLD-01',
        sync: { healthIntervalSeconds: 1 },
        monitoring: { heartbeatIntervalSeconds: 0 },
      }),
    );
    backend = await startDemoKiosk({
      dir,
      config: configFile,
      env: { KIOSK_API_BASE_URL: sim.url },
      logger: silentLogger,
    });

    const waiting = sample.rows.filter((r) => r.state !== 'accepted');
    const deadline = Date.now() + 30_000;
    let ledger: { dossiers: Array<{ localRef: string; idempotencyKey: string; attachments: Array<{ sha256: string }> }> };
    for (;;) {
      ledger = (await (await fetch(`${sim.url}/__sim/ledger`)).json()) as typeof ledger;
      if (ledger.dossiers.length >= waiting.length && waiting.every((r) => backend!.outbox.get(r.localRef)?.state === 'accepted'))
        break;
      if (Date.now() > deadline)
        throw new Error(`not delivered: ${JSON.stringify(waiting.map((r) => backend!.outbox.get(r.localRef)?.state))}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    // Each waiting dossier once, under the key 0.1.0 gave it, with its files; the accepted one never.
    expect(ledger.dossiers.map((d) => d.localRef).sort()).toEqual(waiting.map((r) => r.localRef).sort());
    for (const r of waiting) {
      const sent = ledger.dossiers.find((d) => d.localRef === r.localRef)!;
      expect(sent.idempotencyKey).toBe(r.idempotencyKey);
      expect(sent.attachments).toHaveLength(r.files.length);
    }
    const accepted = backend.outbox.get('DL-KIOSK-OLD-01-270104-0004')!;
    expect(accepted.remoteCode).toBe('H66-270104-000001');
    expect(backend.outbox.history('DL-KIOSK-OLD-01-270104-0001')![0]!.event).toBe('stored');
    expect(backend.outbox.totals()).toEqual({ dossier: 4, complaint: 0 });

    await backend.close();
    backend = undefined;
    // 0.1.0 kept the database in plain text; the first start of today's build encrypted it in place.
    expect(databaseState(join(dir, 'data'))).toBe('encrypted');
    expect(readdirSync(join(dir, 'data')).filter((f) => f.startsWith('kiosk.sqlite3'))).toEqual(['kiosk.sqlite3']);
    const db = openKioskDb(join(dir, 'data'));
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version));
    // The next reference of that day continues the old counter instead of reusing a number.
    expect((db.prepare("SELECT last FROM outbox_ref_counters WHERE day = '270104'").get() as { last: number }).last).toBe(4);
    expect((db.prepare('SELECT installation_id FROM kiosk_identity').get() as { installation_id: string }).installation_id).toBe(
      'b3f1c2d4-0000-4000-8000-000000000001',
    );
    db.close();
  }, 60_000); // Long: migrates a 0.1.0 data folder, then delivers what waited through the simulator.
});
