import settings001 from './001_settings.sql?raw';
import outbox002 from './002_outbox.sql?raw';
import catalog003 from './003_catalog.sql?raw';
import printJobs004 from './004_print_jobs.sql?raw';
import retention005 from './005_retention.sql?raw';
import staff006 from './006_staff.sql?raw';
import staffAuditByTime007 from './007_staff_audit_by_time.sql?raw';

/** Numbered, append-only. A landed migration never changes; the next one gets the next number. */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'settings', sql: settings001 },
  { version: 2, name: 'outbox', sql: outbox002 },
  { version: 3, name: 'catalog', sql: catalog003 },
  { version: 4, name: 'print_jobs', sql: printJobs004 },
  { version: 5, name: 'retention', sql: retention005 },
  { version: 6, name: 'staff', sql: staff006 },
  { version: 7, name: 'staff_audit_by_time', sql: staffAuditByTime007 },
];
