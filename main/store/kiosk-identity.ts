import { randomUUID } from 'node:crypto';
import type { Db } from './db';

/**
 * The kiosk's identity and settings (migration 001): its permanent installation id, and small
 * named values (the attachment name key, what the update channel offered).
 */
export function buildSettingsRepository(db: Db) {
  const selectInstallation = db.prepare('SELECT installation_id FROM kiosk_identity WHERE id = 1');
  const insertInstallation = db.prepare('INSERT INTO kiosk_identity (id, installation_id, created_at) VALUES (1, @id, @at)');
  const selectSetting = db.prepare('SELECT value FROM settings WHERE key = @key');
  const upsertSetting = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (@key, @value, @at)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const ensureInstallation = db.transaction((now: () => Date): string => {
    const row = selectInstallation.get() as { installation_id: string } | undefined;
    if (row) return row.installation_id;
    const id = randomUUID();
    insertInstallation.run({ id, at: now().toISOString() });
    return id;
  });

  return {
    /** The kiosk's permanent installation id, made on first start inside one transaction. */
    installationId: (now: () => Date = () => new Date()): string => ensureInstallation.immediate(now),
    get: (key: string): string | undefined => (selectSetting.get({ key }) as { value: string } | undefined)?.value,
    put(key: string, value: string, now: () => Date = () => new Date()): void {
      upsertSetting.run({ key, value, at: now().toISOString() });
    },
  };
}

export type SettingsRepository = ReturnType<typeof buildSettingsRepository>;
