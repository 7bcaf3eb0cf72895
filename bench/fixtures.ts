import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DossierPayload } from '../common/domain/dossier';
import { sampleDossierPayload } from '../simulator/seed/sample-dossier';

/** SAMPLE DATA: a demo citizen's dossier. */
export const payload: DossierPayload = sampleDossierPayload();

/** Distinct random files (so content addressing cannot share them). */
export function makeFiles(dir: string, count: number, size: number): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `src-${i}-${randomBytes(4).toString('hex')}.pdf`);
    writeFileSync(path, randomBytes(size));
    return path;
  });
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const attachment = (sourcePath: string, i: number) => ({
  sourcePath,
  mediaType: 'application/pdf',
  fileName: `scan-${i}.pdf`,
  documentId: `DOC-${i + 1}`,
});
