import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoParts } from '../main/startup/demo-parts';

/**
 * A folder of sample documents in the data directory, so a person trying the demo has files to
 * attach (a production kiosk offers only IT's folders, or none: the camera still works).
 *
 * The picker shows only files that appeared after the visit began (main/services/attachments/
 * folders.ts), so the samples are "scanned" afresh for every visit: `scanSamples` copies them in
 * again right after the visit begins, as a counter's scanner would deliver a new citizen's pages.
 */
export async function sampleDocuments(dataDir: string, resourcesDir: string): Promise<NonNullable<DemoParts['sampleFolders']>> {
  const target = join(dataDir, 'sample-documents');
  const source = join(resourcesDir, 'sample-documents');
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
