import { createDecipheriv } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Searching a data folder the way someone with a copy of it would: the raw bytes of every file,
 * for a citizen's identifiers in every encoding a program might have written them (NFC and NFD,
 * UTF-8 and UTF-16) and for a distinctive run of each document's bytes. And, to check what
 * erasure left *inside* the encryption, the plaintext pages of an SQLCipher database or WAL,
 * decrypted with the key independently of SQLite (a free page or a stale WAL frame is still there).
 */
export interface Needle {
  label: string;
  bytes: Buffer;
}

/** The ways `text` can appear on disk; identical encodings are listed once. */
export function textNeedles(label: string, text: string): Needle[] {
  const out: Needle[] = [];
  const seen = new Set<string>();
  for (const form of ['NFC', 'NFD'] as const) {
    const s = text.normalize(form);
    for (const [enc, bytes] of [
      ['utf8', Buffer.from(s, 'utf8')],
      ['utf16le', Buffer.from(s, 'utf16le')],
      ['utf16be', Buffer.from(s, 'utf16le').swap16()],
    ] as const) {
      const key = bytes.toString('hex');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ label: `${label} (${form}, ${enc})`, bytes });
    }
  }
  return out;
}

/**
 * Runs of a document's bytes that identify it: taken where the bytes vary (not a header every
 * PDF or JPEG shares, not a run of padding), from its middle and from further in.
 */
export function documentNeedles(label: string, content: Buffer, length = 48): Needle[] {
  const out: Needle[] = [];
  for (const at of [0.5, 0.3, 0.8]) {
    let start = Math.max(0, Math.min(content.length - length, Math.floor(content.length * at)));
    // Walk forward to a window with many distinct byte values.
    for (let tries = 0; tries < 4096 && start + length <= content.length; tries++, start++) {
      if (new Set(content.subarray(start, start + length)).size >= 24) break;
    }
    if (start + length <= content.length) out.push({ label: `${label} @${start}`, bytes: Buffer.from(content.subarray(start, start + length)) });
  }
  if (out.length === 0) throw new Error(`${label}: no distinctive run in ${content.length} bytes`);
  return out;
}

/** Every regular file below `dir` (symlinks are not followed). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export interface Finding {
  file: string;
  needle: string;
}

/** Which needles occur in which files (paths relative to `root`). */
export function search(root: string, needles: readonly Needle[], contents: Array<{ file: string; bytes: Buffer }> = filesUnder(root).map((f) => ({ file: f, bytes: readFileSync(f) }))): Finding[] {
  const found: Finding[] = [];
  for (const { file, bytes } of contents) {
    for (const n of needles) if (bytes.includes(n.bytes)) found.push({ file: relative(root, file), needle: n.label });
  }
  return found;
}

// SQLCipher 4 (the kiosk's format, store/cipher.ts): 4096-byte pages; each ends with a reserved
// area of a 16-byte IV and a 64-byte HMAC; AES-256-CBC under the raw key; page 1 keeps its first
// 16 bytes (the salt) in clear.
const PAGE = 4096;
const RESERVE = 80;

function decryptPage(page: Buffer, key: Buffer, first: boolean): Buffer {
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const d = createDecipheriv('aes-256-cbc', key, iv);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(page.subarray(first ? 16 : 0, PAGE - RESERVE)), d.final()]);
}

/** The plaintext of every page of an encrypted database file, free pages included. */
export function decryptDatabaseFile(bytes: Buffer, key: Buffer): Buffer {
  const pages: Buffer[] = [];
  for (let p = 0; (p + 1) * PAGE <= bytes.length; p++) pages.push(decryptPage(bytes.subarray(p * PAGE, (p + 1) * PAGE), key, p === 0));
  return Buffer.concat(pages);
}

/** The plaintext of every frame of an encrypted WAL file, old frames included. */
export function decryptWalFile(bytes: Buffer, key: Buffer): Buffer {
  const pages: Buffer[] = [];
  for (let at = 32; at + 24 + PAGE <= bytes.length; at += 24 + PAGE) {
    const pgno = bytes.readUInt32BE(at);
    pages.push(decryptPage(bytes.subarray(at + 24, at + 24 + PAGE), key, pgno === 1));
  }
  return Buffer.concat(pages);
}
