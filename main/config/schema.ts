import { z } from 'zod';

/**
 * The kiosk's configuration file (kiosk.config.json). Every field has a default so a fresh
 * machine runs in demo mode with no file at all. The README's configuration table mirrors this.
 */
export const PrinterConfig = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z
    .object({
      type: z.literal('network'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(9100),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
      encoding: z.enum(['wpc1258', 'raster']).default('wpc1258'),
    })
    .strict(),
  z
    .object({
      type: z.literal('usb'),
      vendorId: z.number().int().min(0).max(0xffff),
      productId: z.number().int().min(0).max(0xffff),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
      encoding: z.enum(['wpc1258', 'raster']).default('wpc1258'),
    })
    .strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(9600),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
      encoding: z.enum(['wpc1258', 'raster']).default('wpc1258'),
    })
    .strict(),
]);

export const KioskConfig = z
  .object({
    /** Where the provincial API lives. Absent: demo mode, the built-in simulator on loopback. */
    api: z
      .object({
        baseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://'),
        timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
      })
      .strict()
      .optional(),
    kioskId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'letters, digits, dot, dash or underscore, 2–64 characters')
      .default('KIOSK-DEMO-01'),
    /** SQLite database and attachment files. Relative paths are resolved against the config file. */
    dataDir: z.string().min(1).optional(),
    locale: z.enum(['vi', 'en']).default('vi'),
    idleTimeoutSeconds: z.number().int().min(30).max(3600).default(120),
    idleWarningSeconds: z.number().int().min(5).max(300).default(30),
    keyboard: z.enum(['auto', 'always', 'never']).default('auto'),
    printer: PrinterConfig.default({ type: 'none' }),
    web: z
      .object({ port: z.number().int().min(0).max(65535).default(8420) })
      .strict()
      .default({}),
  })
  .strict()
  .refine((c) => c.idleWarningSeconds < c.idleTimeoutSeconds, {
    message: 'must be shorter than idleTimeoutSeconds',
    path: ['idleWarningSeconds'],
  });

export type KioskConfigInput = z.input<typeof KioskConfig>;
export type KioskConfig = z.output<typeof KioskConfig> & { dataDir: string; configFile: string | null };
