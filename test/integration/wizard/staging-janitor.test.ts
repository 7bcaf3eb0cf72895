import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { buildAttachmentFolders } from '../../../main/services/attachments/folders';
import { startStagingJanitor } from '../../../main/services/attachments/janitor';
import { buildStaging, type Staging } from '../../../main/services/attachments/staging';

/**
 * main/services/attachments/janitor.ts on a real staging folder: when the citizen's session ends
 * without the renderer saying so (the backend's idle limit, a crashed window), the files they
 * staged go on the janitor's next round; while they are logged in, nothing is touched.
 */
let root: string;
let staging: Staging;
let janitor: { stop(): void } | null = null;
const jpeg = readFileSync(new URL('../../../resources/sample-documents/giay-chung-sinh-mau.jpg', import.meta.url));

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-janitor-'));
  const folders = buildAttachmentFolders([], { afterPick: 'keep', moveTo: join(root, 'picked'), logger: silentLogger });
  staging = buildStaging({ dir: join(root, 'staging'), maxBytes: 200_000, folders, logger: silentLogger });
  await staging.wipe();
});
afterEach(() => {
  janitor?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** The citizen takes a photo with the kiosk camera: one staged file on disk. */
async function stagePhoto(): Promise<void> {
  const begun = await staging.beginUpload({ documentId: 'd1', fileName: 'anh-chup.jpg', size: jpeg.length });
  if (!begun.ok) throw new Error(begun.error.code);
  expect((await staging.appendChunk({ uploadId: begun.value.uploadId, offset: 0, data: jpeg })).ok).toBe(true);
  expect((await staging.finishUpload(begun.value.uploadId)).ok).toBe(true);
}

describe('the staging janitor', () => {
  it("wipes a visit's staged files once no citizen is logged in, and leaves them while one is", async () => {
    let citizen = true;
    let rounds = 0;
    await stagePhoto();
    janitor = startStagingJanitor({
      staging,
      citizenPresent: () => {
        rounds += 1;
        return citizen;
      },
      intervalMs: 10,
      logger: silentLogger,
    });

    // Several rounds with the citizen there: the photo stays.
    await expect.poll(() => rounds).toBeGreaterThanOrEqual(3);
    expect(staging.count()).toBe(1);
    expect(readdirSync(join(root, 'staging'))).toHaveLength(1);

    // The session ends behind the renderer's back.
    citizen = false;
    await expect.poll(() => staging.count()).toBe(0);
    await expect.poll(() => readdirSync(join(root, 'staging'))).toEqual([]);
  });
});
