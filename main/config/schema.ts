import { z } from 'zod';

/**
 * The kiosk's configuration file (kiosk.config.json). The README's configuration table mirrors
 * this. Most fields have defaults; what a production kiosk must say for itself (its API, its
 * name) is checked by ./production.ts, because DEMO mode needs none of it.
 */
/**
 * ESC t slot of the printer's WPC1258 (Vietnamese) code page, used with encoding "wpc1258". It
 * depends on the model: 52 on Epson's table; many clones put it elsewhere (see docs/printing.md).
 */
const CodePage = z.number().int().min(0).max(255).default(52);

export const PrinterConfig = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z
    .object({
      type: z.literal('network'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(9100),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
      encoding: z.enum(['wpc1258', 'raster']).default('wpc1258'),
      codePage: CodePage,
    })
    .strict(),
  z
    .object({
      type: z.literal('usb'),
      vendorId: z.number().int().min(0).max(0xffff),
      productId: z.number().int().min(0).max(0xffff),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
      encoding: z.enum(['wpc1258', 'raster']).default('wpc1258'),
      codePage: CodePage,
    })
    .strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(9600),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
      encoding: z.enum(['wpc1258', 'raster']).default('wpc1258'),
      codePage: CodePage,
    })
    .strict(),
]);

const AbsolutePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path');

/**
 * What happens to a picked file in the shared folder once the kiosk has its own copy: `delete` it
 * (the default: the scanner's folder is no archive, and the next citizen must not find it there),
 * `move` it to `moveTo` (a folder the picker never shows, for offices that must keep scans), or
 * `keep` it (a citizen's own USB stick: their files leave with them).
 */
export const AfterPick = z.enum(['move', 'delete', 'keep']);
export type AfterPick = z.infer<typeof AfterPick>;

export const AttachmentFolderConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lowercase letters, digits and dashes, up to 32'),
    /** What the citizen sees, e.g. "USB" or "Máy quét". */
    label: z.string().trim().min(1).max(60),
    path: AbsolutePath,
    /** Overrides `attachments.afterPick` for this folder. */
    afterPick: AfterPick.optional(),
    moveTo: AbsolutePath.optional(),
  })
  .strict();
export type AttachmentFolderConfig = z.infer<typeof AttachmentFolderConfig>;

const samePath = (a: string, b: string) => a.replace(/[\\/]+$/, '').toLowerCase() === b.replace(/[\\/]+$/, '').toLowerCase();

export const AttachmentsConfig = z
  .object({
    maxBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
    afterPick: AfterPick.default('delete'),
    /** Where `move` puts picked files (a folder's own `moveTo` wins). */
    moveTo: AbsolutePath.optional(),
    folders: z
      .array(AttachmentFolderConfig)
      .max(10)
      .refine((fs) => new Set(fs.map((f) => f.id)).size === fs.length, 'folder ids must be unique')
      .optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    (a.folders ?? []).forEach((f, i) => {
      const moveTo = f.moveTo ?? a.moveTo;
      if ((f.afterPick ?? a.afterPick) === 'move' && !moveTo) {
        ctx.addIssue({ code: 'custom', path: ['folders', i, 'moveTo'], message: 'afterPick "move" needs moveTo (a folder the picker does not show)' });
      }
      if (moveTo && samePath(moveTo, f.path)) {
        ctx.addIssue({ code: 'custom', path: ['folders', i, 'moveTo'], message: 'must not be the folder itself' });
      }
    });
  });

/** Days an accepted dossier's personal data stays on the kiosk when the config does not say. */
export const DEFAULT_ACCEPTED_DAYS = 7;

/**
 * Retention of citizens' personal data (Decree 13/2023/NĐ-CP: kept no longer than needed).
 * `acceptedDays`: after the API accepted a submission, its personal data (the payload's names, ID
 * number, phone, address, email; the attachment files; the receipt text in print jobs) is erased,
 * keeping what the status strip, lookups and the clerk's history need. `unaccepted`: a submission
 * the API has not accepted is flagged to the clerk after `flagAfterDays`, and at `limitDays` its
 * personal data is erased (`erase`, delivery stops) or kept until IT acts (`keep`).
 */
export const RetentionConfig = z
  .object({
    acceptedDays: z.number().int().min(0).max(3650).optional(),
    unaccepted: z
      .object({
        flagAfterDays: z.number().int().min(1).max(3650).default(14),
        limitDays: z.number().int().min(1).max(3650).default(60),
        action: z.enum(['erase', 'keep']).default('erase'),
      })
      .strict()
      .refine((u) => u.flagAfterDays < u.limitDays, { message: 'must be shorter than limitDays', path: ['flagAfterDays'] })
      .default({}),
  })
  .strict()
  .default({});

const HttpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://');

/**
 * Where the kiosk's health goes. `metrics` (a /metrics listener for a Prometheus that can reach
 * the kiosk) and `pushgateway` (for kiosks behind NAT) are off unless set; the heartbeat to the
 * provincial API is on (0 turns it off).
 */
export const MonitoringConfig = z
  .object({
    metrics: z
      .object({
        /** The address to listen on: the kiosk's LAN address, or 0.0.0.0 for all. */
        host: z.string().min(1).max(255).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(9464),
        /** When set, Prometheus must send `Authorization: Bearer <token>`. */
        bearerToken: z.string().min(16, 'must be at least 16 characters').max(256).optional(),
      })
      .strict()
      .optional(),
    pushgateway: z
      .object({
        url: HttpUrl,
        intervalSeconds: z.number().int().min(5).max(3600).default(60),
        job: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/, 'letters, digits, _ and -').default('kiosk'),
      })
      .strict()
      .optional(),
    heartbeatIntervalSeconds: z.number().int().min(0).max(86_400).default(300),
    /** How often the receipt printer is asked how it is, between receipts. */
    printerCheckSeconds: z.number().int().min(5).max(3600).default(60),
  })
  .strict();

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM (24 hours)');

/**
 * Automatic updates from the province's own update server (README, Updates). Absent: off, IT
 * installs new versions by hand. `url` serves one folder per channel (`<url>/stable/`,
 * `<url>/pilot/`), each with electron-builder's latest.yml and the signed installer.
 */
export const UpdateConfig = z
  .object({
    url: HttpUrl,
    channel: z.enum(['stable', 'pilot']).default('stable'),
    /** Install once the start screen has been left alone this long (when no maintenanceWindow is set). */
    idleMinutes: z.number().int().min(1).max(1440).default(10),
    /** Install only inside this window, Vietnam time; it may run past midnight ("22:00"–"05:00"). */
    maintenanceWindow: z.object({ start: ClockTime, end: ClockTime }).strict().optional(),
    checkIntervalMinutes: z.number().int().min(5).max(1440).default(60),
  })
  .strict();
export type UpdateConfig = z.output<typeof UpdateConfig>;

/** `scrypt$N$r$p$salt$hash` (base64), as `kiosk-admin hash-pin` prints it. */
export const PinHash = z
  .string()
  .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/, 'must be scrypt$N$r$p$salt$hash, as "kiosk-admin hash-pin" prints it');

export const StaffAccountConfig = z
  .object({
    /** Stable, as it appears in the audit log: lowercase letters, digits, dot, dash. */
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,31}$/, 'lowercase letters, digits, dot or dash, 2–32 characters'),
    /** Shown to the person once they unlock ("Nguyễn Thị Lan"). */
    name: z.string().trim().min(1).max(80),
    /** "clerk": the clerk functions; "it": those and the IT screens. */
    role: z.enum(['clerk', 'it']),
    pinHash: PinHash,
  })
  .strict();
export type StaffAccountConfig = z.infer<typeof StaffAccountConfig>;

/**
 * One PIN shared by every clerk cannot tell who did what, and a 4-digit one is guessed in an
 * afternoon. Rather than run on as an anonymous "clerk", the kiosk refuses the old fields and says
 * what to write instead (the README's upgrade note).
 */
const sharedPinGone = z
  .unknown()
  .refine(() => false, {
    message:
      'the shared clerk PIN is no longer supported: give each person an account under "staff", e.g. [{ "id": "lan", "name": "Nguyễn Thị Lan", "role": "clerk", "pinHash": "…" }], with a PIN of at least 6 digits hashed by "kiosk-admin hash-pin" (or added by "kiosk-admin staff-add"), then remove this field',
  })
  .optional();

/** A calendar day, yyyy-mm-dd, that exists. */
const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written yyyy-mm-dd')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real date');

export const KioskConfig = z
  .object({
    /**
     * "demo" runs the built-in simulator, printer emulator and demo phone (as `--demo` does).
     * Absent or "production": a real provincial API, and the kiosk refuses to start without one.
     */
    mode: z.enum(['production', 'demo']).optional(),
    /** Where the provincial API lives. Required in production; absent in DEMO mode: the built-in simulator. */
    api: z
      .object({
        baseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://'),
        timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
      })
      .strict()
      .optional(),
    /** This kiosk's name (logs, receipts, the device it enrols as). Required in production. */
    kioskId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'letters, digits, dot, dash or underscore, 2–64 characters')
      .optional(),
    /** SQLite database and attachment files. Relative paths are resolved against the config file. */
    dataDir: z.string().min(1).optional(),
    locale: z.enum(['vi', 'en']).default('vi'),
    idleTimeoutSeconds: z.number().int().min(30).max(3600).default(120),
    /** Absent: derived from the timeout (see idleWarningFor), so setting the timeout alone always works. */
    idleWarningSeconds: z.number().int().min(5).max(300).optional(),
    keyboard: z.enum(['auto', 'always', 'never']).default('auto'),
    /** Where the on-screen keyboard's tone row puts a tone: "hoà" (modern) or "hòa" (traditional). */
    toneStyle: z.enum(['modern', 'traditional']).default('modern'),
    /** Part of the camera's name to use for "Quét CCCD" when the kiosk has several; absent: the default camera. */
    cameraDeviceLabel: z.string().trim().min(1).max(200).optional(),
    printer: PrinterConfig.default({ type: 'none' }),
    /** What the printed receipt says about the office and where its QR code points. */
    receipt: z
      .object({
        provinceName: z.string().trim().min(1).max(120).default('UBND tỉnh Đắk Lắk'),
        /** The public status-lookup page; the QR code holds `<lookupBaseUrl>?ma=<code>`. */
        lookupBaseUrl: z
          .string()
          .url()
          .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
          .default('https://dichvucong.daklak.gov.vn/tra-cuu'),
        /** Printed in the footer; absent: "ask the clerk at the counter". */
        hotline: z.string().trim().min(1).max(60).optional(),
      })
      .strict()
      .default({}),
    /**
     * Attachments for the dossier wizard: the largest file accepted, and the only folders the
     * file picker may show (a USB stick's mount point, the scanner's output folder). Absent
     * `folders`: none in production (camera only); a sample folder in the data directory in demo mode.
     */
    attachments: AttachmentsConfig.default({}),
    /**
     * The kiosk's device key (README, "Enrolment"): an Ed25519 key pair the kiosk makes on first
     * start and IT enrols with a one-time code; every request to the API is signed with it.
     * `keyDir`: its folder, outside the data folder (relative paths against the config file;
     * default `<dataDir>-keys`, beside the data key).
     * `keyProtection`: "os" seals the private key with the operating system (the Electron app's
     * default), "file" keeps it in an owner-only file (the browser shell's only choice).
     */
    device: z
      .object({
        keyDir: z.string().min(1).max(1024).optional(),
        keyProtection: z.enum(['os', 'file']).optional(),
      })
      .strict()
      .default({}),
    /**
     * The data key that encrypts the database and attachment files (README, "Data key";
     * keys/data-key.ts). `file`: where it is kept, outside the data folder (relative paths against
     * the config file; default `<dataDir>-keys/data-key.json`). `protection` of a key the kiosk
     * makes itself: "os" seals it with the operating system (the Electron app's default), "file"
     * keeps it in an owner-only file (the browser shell's only choice). KIOSK_DATA_KEY (64 hex
     * characters) overrides both.
     */
    dataKey: z
      .object({
        file: z.string().min(1).max(1024).optional(),
        protection: z.enum(['os', 'file']).optional(),
      })
      .strict()
      .default({}),
    /**
     * Counter staff, one account per person: their PIN unlocks the clerk functions and their
     * actions are logged under their id. Absent: nobody can unlock (DEMO mode has sample accounts).
     */
    staff: z
      .array(StaffAccountConfig)
      .max(100)
      .refine((a) => new Set(a.map((x) => x.id)).size === a.length, 'account ids must be unique')
      .optional(),
    /** The shared clerk PIN of earlier versions: refused, with what to write instead. */
    clerkPin: sharedPinGone,
    clerkPinHash: sharedPinGone,
    /** Outbox delivery: how often to ask the API whether it is up, how many to send at once. */
    sync: z
      .object({
        healthIntervalSeconds: z.number().int().min(1).max(600).default(10),
        /**
         * Replaced by `retention.acceptedDays` (which erases the personal data as well as the files).
         * Still read, so a kiosk updated with an older config keeps running, and used for
         * `retention.acceptedDays` when that is not set (README, Retention).
         */
        attachmentRetentionDays: z.number().int().min(0).max(3650).optional(),
        concurrency: z.number().int().min(1).max(8).default(2),
      })
      .strict()
      .default({}),
    /** How long citizens' personal data stays on the kiosk (services/retention, README "Retention"). */
    retention: RetentionConfig,
    /**
     * The data folder's disk: below the free-space floor (the larger of the two limits) the kiosk
     * stops accepting new dossiers and says so, before the disk is actually full; it accepts
     * again when space returns. Backups of the database (SQLite's online backup) go to
     * `backup.dir` (absent: `<dataDir>/backups`; better on a second disk), `keep` generations,
     * after sent batches and every `intervalMinutes`.
     */
    storage: z
      .object({
        minFreeMegabytes: z.number().int().min(0).max(1_000_000).default(300),
        minFreePercent: z.number().min(0).max(50).default(2),
        backup: z
          .object({
            dir: AbsolutePath.optional(),
            keep: z.number().int().min(1).max(30).default(3),
            intervalMinutes: z.number().int().min(1).max(1440).default(60),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    /**
     * Public holidays and make-up working days, from the government's notice for each year: the
     * expected result date skips `daysOff` and counts `extraWorkingDays` (a Saturday worked "bù").
     */
    workCalendar: z
      .object({
        daysOff: z.array(IsoDay).max(400).default([]),
        extraWorkingDays: z.array(IsoDay).max(100).default([]),
      })
      .strict()
      .default({}),
    web: z
      .object({ port: z.number().int().min(0).max(65535).default(8420) })
      .strict()
      .default({}),
    update: UpdateConfig.optional(),
    /** The kiosk's health for the province's monitoring (README, Monitoring; deploy/monitoring/). */
    monitoring: MonitoringConfig.default({}),
  })
  .strict()
  .refine((c) => c.idleWarningSeconds === undefined || c.idleWarningSeconds < c.idleTimeoutSeconds, {
    message: 'must be shorter than idleTimeoutSeconds',
    path: ['idleWarningSeconds'],
  })
  .refine((c) => c.sync.attachmentRetentionDays === undefined || c.retention.acceptedDays === undefined, {
    message: 'replaced by retention.acceptedDays, which is also set: keep only retention.acceptedDays',
    path: ['sync', 'attachmentRetentionDays'],
  })
  // An older config's sync.attachmentRetentionDays still says how long an accepted dossier is kept.
  .transform((c) => ({ ...c, retention: { ...c.retention, acceptedDays: c.retention.acceptedDays ?? c.sync.attachmentRetentionDays ?? DEFAULT_ACCEPTED_DAYS } }))
  .transform((c) => ({ ...c, idleWarningSeconds: c.idleWarningSeconds ?? idleWarningFor(c.idleTimeoutSeconds) }));

/**
 * How long before the wipe the idle warning shows when IT set only the timeout: 30 seconds, or a
 * third of a short timeout (10 s of a 30 s one), so it is always shorter than the timeout and
 * still long enough to read and touch "Tôi cần thêm thời gian".
 */
export function idleWarningFor(idleTimeoutSeconds: number): number {
  return Math.min(30, Math.floor(idleTimeoutSeconds / 3));
}

export type KioskConfigInput = z.input<typeof KioskConfig>;
export type KioskMode = 'production' | 'demo';
/** The configuration as the kiosk runs with it: the mode decided, paths resolved, a name given. */
export type KioskConfig = Omit<z.output<typeof KioskConfig>, 'mode' | 'kioskId' | 'device'> & {
  mode: KioskMode;
  kioskId: string;
  /** `keyDir` resolved to an absolute path. */
  device: { keyDir: string; keyProtection?: 'os' | 'file' };
  dataDir: string;
  configFile: string | null;
};

/** The kiosk name DEMO mode uses when the config gives none; a production kiosk may not use it. */
export const DEMO_KIOSK_ID = 'KIOSK-DEMO-01';
