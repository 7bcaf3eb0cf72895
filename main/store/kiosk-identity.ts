import { randomUUID } from 'node:crypto';
import type { Db } from './db';

/** The kiosk's permanent installation id, made on first start inside one transaction. */
export function ensureInstallationId(db: Db, now: () => Date = () => new Date()): string {
  return db.transaction(() => {
    const row = db.prepare('SELECT installation_id FROM kiosk_identity WHERE id = 1').get() as
      | { installation_id: string }
      | undefined;
    if (row) return row.installation_id;
    const id = randomUUID();
    db.prepare('INSERT INTO kiosk_identity (id, installation_id, created_at) VALUES (1, @id, @at)').run({
      id,
      at: now().toISOString(),
    });
    return id;
  }).immediate();
}

export function getSetting(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = @key').get({ key }) as { value: string } | undefined;
  return row?.value;
}

export function putSetting(db: Db, key: string, value: string, now: () => Date = () => new Date()): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (@key, @value, @at)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run({ key, value, at: now().toISOString() });
}
