import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnqueueAttachment } from '../../../main/services/outbox/outbox';
import { sampleDossierPayload } from '../../../simulator/seed/sample-dossier';

/** A dossier as the wizard would hand it over (sample citizen from the simulator seed). */
export const samplePayload = sampleDossierPayload;

export function tempDir(prefix = 'kiosk-outbox-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Random-content files (distinct hashes), as scans from the counter's scanner folder. */
export function makeAttachments(dir: string, sizes: number[]): EnqueueAttachment[] {
  return sizes.map((size, i) => {
    const sourcePath = join(dir, `scan-${randomBytes(6).toString('hex')}.pdf`);
    writeFileSync(sourcePath, randomBytes(size));
    return { sourcePath, mediaType: 'application/pdf', fileName: `Giấy tờ ${i + 1}.pdf`, documentId: `DOC-${i + 1}` };
  });
}
