import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentFolderConfig, KioskConfig } from '../../config/schema';

/**
 * Which folders the file picker offers. IT's list when configured; otherwise none in production
 * (the camera still works), and in demo mode a folder of sample documents in the data directory,
 * copied from resources/sample-documents, so a person trying the demo has files to attach.
 */
export async function attachmentFoldersFor(config: KioskConfig, opts: { demo: boolean; resourcesDir: string }): Promise<AttachmentFolderConfig[]> {
  if (config.attachments.folders) return config.attachments.folders;
  if (!opts.demo) return [];
  const target = join(config.dataDir, 'sample-documents');
  await mkdir(target, { recursive: true });
  const source = join(opts.resourcesDir, 'sample-documents');
  for (const name of await readdir(source).catch(() => [] as string[])) {
    await copyFile(join(source, name), join(target, name)).catch(() => undefined);
  }
  return [{ id: 'mau', label: 'Tài liệu mẫu (DEMO)', path: target }];
}
