import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { StaffAccountConfig } from '../config/schema';
import { flag, type AdminIo } from './io';

/**
 * The staff part of kiosk.config.json, for the commands that add, list and remove accounts. The
 * rest of the file is kept as it is (a fleet's shared file may carry fields this build does not
 * check here); the file is replaced whole and atomically, so a kiosk starting meanwhile reads the
 * old file or the new one, never half of one.
 */
export function configPath(io: AdminIo): string {
  const explicit = flag(io.args, '--config') ?? io.env.KIOSK_CONFIG;
  return explicit ? resolve(explicit) : resolve(io.defaultConfigDir, 'kiosk.config.json');
}

export type ConfigDoc = { path: string; raw: Record<string, unknown>; staff: StaffAccountConfig[] };

export function readConfigDoc(path: string, opts: { create: boolean }): ConfigDoc | { problem: string } {
  if (!existsSync(path)) return opts.create ? { path, raw: {}, staff: [] } : { problem: `${path} does not exist` };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return { problem: `${path} is not valid JSON (${(e as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: `${path} must hold a JSON object` };
  const staff = z.array(StaffAccountConfig).safeParse((raw as Record<string, unknown>).staff ?? []);
  if (!staff.success) {
    const issue = staff.error.issues[0]!;
    return { problem: `${path}: staff.${issue.path.join('.')}: ${issue.message}` };
  }
  return { path, raw: raw as Record<string, unknown>, staff: staff.data };
}

export async function writeConfigDoc(doc: ConfigDoc): Promise<void> {
  const text = `${JSON.stringify({ ...doc.raw, staff: doc.staff }, null, 2)}\n`;
  const tmp = join(dirname(doc.path), `.${randomBytes(6).toString('hex')}.tmp`);
  // Same permissions as the file it replaces: the kiosk's own user must still be able to read it.
  const mode = existsSync(doc.path) ? statSync(doc.path).mode & 0o777 : 0o640;
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, doc.path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
