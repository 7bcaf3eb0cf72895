import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentFolderConfig, KioskConfig } from '../../config/schema';

/**
 * Which folders the file picker offers. IT's list when configured; otherwise none in production
 * (the camera still works), and in demo mode a folder of sample documents in the data directory.
 *
 * The picker shows only files that appeared after the visit began (folders.ts), so the demo's
 * samples are "scanned" afresh for every visit: `scanSamples` copies them in again right after
 * the visit begins, as a counter's scanner would deliver a new citizen's pages.
 */
export async function attachmentFoldersFor(
  config: KioskConfig,
  opts: { demo: boolean; resourcesDir: string },
): Promise<{ folders: AttachmentFolderConfig[]; scanSamples: (() => Promise<void>) | null }> {
  if (config.attachments.folders) return { folders: config.attachments.folders, scanSamples: null };
  if (!opts.demo) return { folders: [], scanSamples: null };
  const target = join(config.dataDir, 'sample-documents');
  const source = join(opts.resourcesDir, 'sample-documents');
  async function scanSamples(): Promise<void> {
    await rm(target, { recursive: true, force: true });
    await mkdir(target, { recursive: true });
    for (const name of await readdir(source).catch(() => [] as string[])) {
      await copyFile(join(source, name), join(target, name)).catch(() => undefined);
    }
  }
  await mkdir(target, { recursive: true });
  // Sample documents are no one's: kept after picking, so a demo can attach one to several slots.
  return { folders: [{ id: 'mau', label: 'Tài liệu mẫu (DEMO)', path: target, afterPick: 'keep' }], scanSamples };
}
