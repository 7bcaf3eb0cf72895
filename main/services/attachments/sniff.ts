import type { AttachmentMediaType } from '../../../common/domain/dossier';

/**
 * What a file is, by its first bytes — never by its name, which anyone can change ("giay-to.pdf"
 * may be a Word file or a program). Only the three types the API takes are recognised.
 */
export const SNIFF_BYTES = 8;

const signatures: ReadonlyArray<{ mediaType: AttachmentMediaType; bytes: readonly number[] }> = [
  // "%PDF-"
  { mediaType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // JPEG SOI marker followed by the start of the next marker.
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function sniffMediaType(head: Uint8Array): AttachmentMediaType | null {
  for (const s of signatures) {
    if (head.length >= s.bytes.length && s.bytes.every((b, i) => head[i] === b)) return s.mediaType;
  }
  return null;
}
