import { z } from 'zod';
import { defineMethods } from './guard';
import { AttachmentFileName, AttachmentMediaType, Sha256Hex } from '../domain/dossier';
import { Agency, ProceduresCatalog } from '../domain/procedures';
import { DossierSubmitInput, DossierSubmitResult } from '../domain/wizard';
import { Empty } from './kiosk';

/**
 * "Nộp hồ sơ trực tuyến": the procedure catalog, the agencies for a procedure, attachments
 * staged for the dossier being filled in, the verification code, and the submission itself.
 */
const Id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const DocumentId = z.string().min(1).max(64);

export const StagedFile = z.object({
  stagedId: Id,
  documentId: DocumentId,
  fileName: z.string(),
  mediaType: AttachmentMediaType,
  size: z.number().int().positive(),
  sha256: Sha256Hex,
});
export type StagedFile = z.infer<typeof StagedFile>;

export const StageJob = z.discriminatedUnion('state', [
  z.object({ state: z.literal('copying'), bytesDone: z.number().int().nonnegative(), bytesTotal: z.number().int().nonnegative() }),
  z.object({ state: z.literal('done'), file: StagedFile }),
  z.object({ state: z.literal('failed'), error: z.object({ code: z.string() }) }),
]);
export type StageJob = z.infer<typeof StageJob>;

/** Base64 of at most 512 KiB: a chunk stays well inside the transports' 1 MB message limit. */
export const CHUNK_BYTES = 512 * 1024;
const Base64Chunk = z.string().min(4).max(Math.ceil(CHUNK_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]+={0,2}$/);

export const dossierWizardContract = defineMethods({
  'catalog.procedures': { guard: 'public', input: Empty, output: z.object({ catalog: ProceduresCatalog, offline: z.boolean() }) },
  'catalog.agencies': {
    guard: 'public',
    input: z.object({ procedureCode: z.string().min(1).max(64) }).strict(),
    output: z.object({ agencies: z.array(Agency), offline: z.boolean() }),
  },
  'attachments.folders': {
    guard: 'citizen',
    input: Empty,
    output: z.object({ folders: z.array(z.object({ id: z.string(), label: z.string() })), maxBytes: z.number().int().positive() }),
  },
  'attachments.listFolder': {
    guard: 'citizen',
    input: z.object({ folderId: z.string().min(1).max(32) }).strict(),
    output: z.object({ files: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative(), modifiedAt: z.string() })) }),
  },
  /** Starts copying a file the citizen picked; the renderer follows it with `attachments.job`. */
  'attachments.stageFromFolder': {
    guard: 'citizen',
    input: z.object({ documentId: DocumentId, folderId: z.string().min(1).max(32), fileName: z.string().min(1).max(255) }).strict(),
    output: z.object({ jobId: Id }),
  },
  'attachments.job': { guard: 'citizen', input: z.object({ jobId: Id }).strict(), output: StageJob },
  'attachments.beginUpload': {
    guard: 'citizen',
    input: z.object({ documentId: DocumentId, fileName: AttachmentFileName, size: z.number().int().positive() }).strict(),
    output: z.object({ uploadId: Id }),
  },
  'attachments.uploadChunk': {
    guard: 'citizen',
    input: z.object({ uploadId: Id, offset: z.number().int().nonnegative(), data: Base64Chunk }).strict(),
    output: z.object({ received: z.number().int().nonnegative() }),
  },
  'attachments.finishUpload': { guard: 'citizen', input: z.object({ uploadId: Id }).strict(), output: StagedFile },
  'attachments.thumbnail': { guard: 'citizen', input: z.object({ stagedId: Id }).strict(), output: z.object({ dataUrl: z.string().nullable() }) },
  'attachments.remove': { guard: 'citizen', input: z.object({ stagedId: Id }).strict(), output: z.object({}) },
  /** The dossier is abandoned ("Kết thúc", idle, back to home): every staged file goes. */
  'wizard.discard': { guard: 'public', input: Empty, output: z.object({}) },
  'captcha.new': {
    guard: 'citizen',
    input: z.object({ asText: z.boolean() }).strict(),
    output: z.object({
      captchaId: z.string(),
      source: z.enum(['api', 'kiosk']),
      imageSvg: z.string(),
      text: z.string().nullable(),
      expiresInSeconds: z.number().int().positive(),
    }),
  },
  'dossier.submit': { guard: 'citizen', input: DossierSubmitInput, output: DossierSubmitResult },
});
