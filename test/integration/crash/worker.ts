import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { silentLogger } from '../../../main/log';
import { buildOutbox } from '../../../main/services/outbox/outbox';
import { buildDeviceClient } from '../../../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../../../main/services/sync/engine';
import { dataFolderRefusal, openDataFolder } from '../../../main/store/data-folder';
import { fileOnlySealers } from '../../../main/keys/sealer';
import { sampleDossierPayload } from '../../../simulator/seed/sample-dossier';
import { demoRequestCore } from '../../../demo/demo-device';

/**
 * A kiosk backend reduced to the outbox and its sync engine, for the crash tests (built as
 * `out/main/outbox-worker.js`). It stores `--enqueue N` dossiers while draining, printing
 * `RECEIVED <localRef> <sha256,…>` only after enqueue returned — the moment a citizen is told
 * "received". The test SIGKILLs it at random; `--enqueue 0` drains and prints `DRAINED`.
 */
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    api: { type: 'string' },
    kiosk: { type: 'string', default: 'KIOSK-CRASH' },
    enqueue: { type: 'string', default: '0' },
    // Only store, then exit: seeds a kiosk's outbox for the end-to-end test.
    'no-sync': { type: 'boolean', default: false },
    // Only store, then stay up (database open, its WAL in place) until killed: the storage tests' SIGKILL.
    hold: { type: 'boolean', default: false },
  },
});
const dataDir = values.data!;
const clock = { now: Date.now };
// Opened as the kiosk opens it: the data folder's lock first (store/data-folder.ts), its start-up
// check, then the database, encrypted under a key made beside the data folder on the first run
// (as in DEMO mode). Refused as the kiosk refuses (another process, damaged data): its message
// and exit code.
const data = await openDataFolder({
  dataDir,
  shell: 'outbox-worker',
  logger: silentLogger,
  kioskId: values.kiosk,
  dataKey: { settings: { file: null, protection: null }, env: process.env, keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' }, demo: true },
}).catch((e: unknown) => {
  const refused = dataFolderRefusal(e);
  if (!refused) throw e;
  process.stderr.write(`${refused.message}\n`);
  process.exit(refused.code);
});
const db = data.db;
const outbox = await buildOutbox({ db, dataDir, clock, kioskId: values.kiosk!, onEnqueued: () => engine.wake(), dataKeys: data.keyring, refs: data.refs });
const engine = buildSyncEngine({
  outbox,
  api: buildDeviceClient(demoRequestCore(values.api!, { timeoutMs: 3000, logger: silentLogger })),
  clock,
  logger: silentLogger,
  policy: { baseDelayMs: 20, maxDelayMs: 300, maxRetryAfterMs: 1000 },
  healthIntervalMs: 100,
  concurrency: 2,
});
if (!values['no-sync'] && !values.hold) engine.start();
process.stdout.write('READY\n');

const sources = join(dataDir, '..', 'sources');
mkdirSync(sources, { recursive: true });
const count = Number(values.enqueue);
for (let i = 0; i < count; i++) {
  const files = Array.from({ length: 1 + (i % 2) }, (_, j) => {
    const bytes = randomBytes(2_000 + Math.floor(Math.random() * 150_000));
    const sourcePath = join(sources, `${randomBytes(8).toString('hex')}.pdf`);
    writeFileSync(sourcePath, bytes);
    return { sourcePath, sha: createHash('sha256').update(bytes).digest('hex'), documentId: `DOC-${j + 1}` };
  });
  const r = await outbox.enqueue({
    kind: 'dossier',
    payload: sampleDossierPayload(),
    attachments: files.map((f) => ({ sourcePath: f.sourcePath, mediaType: 'application/pdf', fileName: 'scan.pdf', documentId: f.documentId })),
  });
  if (!r.ok) {
    process.stdout.write(`FAILED ${r.error.code}\n`);
    process.exit(1);
  }
  process.stdout.write(`RECEIVED ${r.value.localRef} ${files.map((f) => f.sha).sort().join(',')}\n`);
}

if (values.hold) {
  // A timer keeps the process up: with nothing pending Node would exit, and better-sqlite3's
  // exit hook would close the database cleanly (WAL checkpointed and removed) before the kill.
  setInterval(() => undefined, 60_000);
  process.stdout.write('HOLDING\n');
  await new Promise(() => undefined);
}

if (values['no-sync']) {
  await data.close();
  process.exit(0);
}

if (count === 0) {
  for (;;) {
    const c = outbox.counts();
    if (c.queued + c.sending === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const c = outbox.counts();
  // Why any waits for a clerk, so a failed run says what went wrong.
  const why = outbox.list({ state: 'needs_attention' }).map((i) => `${i.lastError?.code ?? '?'}/${i.lastError?.apiCode ?? ''}/${i.lastError?.status ?? ''}`);
  process.stdout.write(`DRAINED accepted=${c.accepted} needs_attention=${c.needs_attention}${why.length ? ` why=${why.join(',')}` : ''}\n`);
  await engine.stop();
  await data.close();
  process.exit(0);
}
