import settings001 from './001_settings.sql?raw';

/** Numbered, append-only. A landed migration never changes; the next one gets the next number. */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'settings', sql: settings001 },
];
