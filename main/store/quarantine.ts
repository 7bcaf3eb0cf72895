import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AttachmentFiles } from '../services/outbox/attachment-files';
import type { FileFindings } from '../services/outbox/file-check';
import { DB_FILE, describeFinding, type Finding } from './data-check';

/**
 * What the kiosk does with damage it found at start: nothing is deleted. What cannot be accounted
 * for is moved into a dated folder `<dataDir>/quarantine/<YYYY-MM-DD_HHMMSS>/` (attachment files
 * of dossiers the database no longer has, copies of stores that never committed), copies of the
 * database files go beside them as they were found, a REPORT.txt says what happened and what to
 * do, and a marker (`DAMAGED.json`) keeps every later start refusing until IT has acted
 * (`kiosk-admin restore` or `kiosk-admin acknowledge-damage`): a kiosk that restarts in a loop
 * on damaged data must not start taking dossiers again by itself.
 */
export const EX_DATAERR = 65;
const MARKER = 'DAMAGED.json';

const Marker = z.object({
  at: z.string(),
  quarantineDir: z.string(),
  findings: z.array(z.string()),
});
export type DamageMarker = z.infer<typeof Marker>;

export class DataFolderDamaged extends Error {
  constructor(
    readonly dataDir: string,
    readonly marker: DamageMarker,
  ) {
    super(
      `The kiosk's data folder ${dataDir} is damaged or does not agree with itself:\n` +
        marker.findings.map((f) => `  - ${f}\n`).join('') +
        `Nothing was deleted. What could not be accounted for is in ${marker.quarantineDir} (read REPORT.txt there).\n` +
        'To put the newest backup back and send again what the API has not confirmed: kiosk-admin restore\n' +
        'To go on with the data as it is (the quarantine folder stays for manual recovery): kiosk-admin acknowledge-damage',
    );
    this.name = 'DataFolderDamaged';
  }
}

export function readDamageMarker(dataDir: string): DamageMarker | null {
  const file = join(dataDir, MARKER);
  if (!existsSync(file)) return null;
  try {
    const parsed = Marker.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Unreadable: still a marker — refuse rather than guess.
  }
  return { at: '?', quarantineDir: join(dataDir, 'quarantine'), findings: ['An earlier start found the data folder damaged (DAMAGED.json is unreadable).'] };
}

/** IT acted (restore, acknowledge): the marker goes into the quarantine folder it names, as a record. */
export function clearDamageMarker(dataDir: string): void {
  const marker = readDamageMarker(dataDir);
  if (!marker) return;
  const file = join(dataDir, MARKER);
  try {
    mkdirSync(marker.quarantineDir, { recursive: true });
    renameSync(file, join(marker.quarantineDir, `${MARKER}.cleared-${stamp(new Date())}`));
  } catch {
    renameSync(file, `${file}.cleared-${stamp(new Date())}`);
  }
}

export function stamp(d: Date): string {
  // Vietnam time, as IT reads it on the kiosk's clock.
  const iso = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${iso.slice(0, 10)}_${iso.slice(11, 19).replace(/:/g, '')}`;
}

export function newQuarantineDir(dataDir: string, now: Date): string {
  const base = join(dataDir, 'quarantine', stamp(now));
  let dir = base;
  for (let n = 2; existsSync(dir); n++) dir = `${base}-${n}`;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Copies of the database files as found (the originals stay where they are for `restore` or
 * `acknowledge-damage` to decide on). On a full disk a copy may not fit: then the report says so
 * and the originals are the evidence.
 */
export function copyDatabaseFiles(dataDir: string, into: string): string[] {
  const copied: string[] = [];
  for (const name of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
    const from = join(dataDir, name);
    if (!existsSync(from)) continue;
    try {
      mkdirSync(join(into, 'database'), { recursive: true });
      copyFileSync(from, join(into, 'database', name));
      copied.push(name);
    } catch (e) {
      rmSync(join(into, 'database', name), { force: true });
      copied.push(`${name} (not copied: ${(e as NodeJS.ErrnoException).code ?? 'error'}; the original is still in the data folder)`);
    }
  }
  return copied;
}

export async function quarantine(opts: {
  dataDir: string;
  findings: Finding[];
  files: AttachmentFiles | null;
  fileFindings: FileFindings | null;
  now: Date;
  lostReferences?: string[];
}): Promise<DamageMarker> {
  const dir = newQuarantineDir(opts.dataDir, opts.now);
  const moved: string[] = [];
  if (opts.files && opts.fileFindings) {
    const into = join(dir, 'attachments');
    for (const name of [...opts.fileFindings.unreferenced, ...opts.fileFindings.uncommitted]) {
      await opts.files.moveOut(name, into);
      moved.push(name);
    }
  }
  const copied = copyDatabaseFiles(opts.dataDir, dir);
  const findings = opts.findings.map(describeFinding);
  const marker: DamageMarker = { at: opts.now.toISOString(), quarantineDir: dir, findings };
  // Renames above need no space; these writes do. On a full disk the refusal still happens (the
  // next start finds the same damage again), only without the report file.
  try {
    writeFileSync(join(dir, 'REPORT.txt'), report({ marker, moved, copied, lostReferences: opts.lostReferences ?? [] }));
  } catch {
    // See above.
  }
  try {
    writeFileSync(join(opts.dataDir, MARKER), JSON.stringify(marker, null, 2));
  } catch {
    // See above.
  }
  return marker;
}

function report(r: { marker: DamageMarker; moved: string[]; copied: string[]; lostReferences: string[] }): string {
  return [
    'KIOSK DỊCH VỤ CÔNG — BÁO CÁO DỮ LIỆU BỊ HỎNG / DATA FOLDER DAMAGE REPORT',
    `Thời điểm / At: ${r.marker.at}`,
    '',
    'Kiosk phát hiện dữ liệu bị hỏng hoặc không khớp khi khởi động. Không tệp nào bị xóa; kiosk',
    'ngừng nhận hồ sơ mới cho đến khi bộ phận CNTT xử lý (xem "Cách xử lý" bên dưới).',
    'The kiosk found its data damaged or inconsistent at start. Nothing was deleted; the kiosk takes',
    'no new dossiers until IT acts (see "What to do" below).',
    '',
    'Phát hiện / Findings:',
    ...r.marker.findings.map((f) => `  - ${f}`),
    '',
    ...(r.lostReferences.length > 0
      ? [
          'Mã hồ sơ tại kiosk đã đưa cho công dân nhưng không còn trong cơ sở dữ liệu /',
          'References given to citizens that the database no longer has:',
          ...r.lostReferences.map((ref) => `  ${ref}`),
          '',
        ]
      : []),
    `Tệp đính kèm đã chuyển vào đây (attachments/) / Attachment files moved here: ${r.moved.length}`,
    ...r.moved.map((m) => `  ${m}`),
    `Bản sao cơ sở dữ liệu như lúc phát hiện (database/) / Copies of the database as found: ${r.copied.join(', ') || 'none'}`,
    '',
    'Cách xử lý / What to do:',
    '  1. kiosk-admin restore            — đặt lại bản sao lưu mới nhất; hồ sơ chưa được hệ thống của tỉnh xác nhận',
    '                                      sẽ được gửi lại (không bị trùng) / puts the newest backup back and re-queues',
    '                                      what the API has not confirmed (the API dedupes, nothing is sent twice).',
    '  2. kiosk-admin acknowledge-damage — chạy tiếp với dữ liệu hiện có / go on with the data as it is.',
    'Thư mục này được giữ lại để khôi phục thủ công / This folder stays for manual recovery; the kiosk never deletes it.',
    '',
  ].join('\n');
}
