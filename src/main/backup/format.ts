import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IpcFailure } from '../../shared/ipc/define';

/**
 * The backup file (`.dgbk`), written and read as a stream:
 *
 *   magic  "DGBK\r\n\x1a\n"           8 bytes (the PNG trick: line-ending and EOF damage shows)
 *   u32    header length, then the header as JSON (plain text: format, version, encryption),
 *          then sha256 of everything so far (so a damaged header is told apart from a wrong
 *          passphrase or a foreign file)
 *   body   a sequence of entries, raw or, with a passphrase, sealed in AES-256-GCM chunks
 *
 * Entry: u8 type · u16 name length · name (UTF-8) · u64 data length · data.
 *   docs      one chunk of a collection as NDJSON (name = collection)
 *   blob      one attachment's bytes (name = its sha256)
 *   manifest  JSON: every entry above with its size and sha256, counts, missing blobs
 *   end       sha256 of every body byte before this entry (name = "end")
 * The manifest comes last because hashes are known only after writing; a reader verifies
 * the whole file before it trusts any of it.
 */
export const MAGIC = Buffer.from([0x44, 0x47, 0x42, 0x4b, 0x0d, 0x0a, 0x1a, 0x0a]);
export const FORMAT_VERSION = 1;
export const MAX_HEADER = 64 * 1024;

export const ENTRY_TYPES = { docs: 1, blob: 2, manifest: 3, end: 4 } as const;
export type EntryType = keyof typeof ENTRY_TYPES;
export const ENTRY_TYPE_BY_CODE = new Map<number, EntryType>(
  Object.entries(ENTRY_TYPES).map(([name, code]) => [code, name as EntryType]),
);

export const encryptionSchema = z
  .object({
    cipher: z.literal('aes-256-gcm'),
    kdf: z.literal('scrypt'),
    // Bounds keep a foreign file from making the reader burn minutes or gigabytes.
    N: z.number().int().min(1024).max(1_048_576).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().max(64),
    noncePrefix: z.string().max(16),
    keyCheck: z.string().max(64),
    chunkSize: z.number().int().min(1024).max(16 * 1024 * 1024),
  })
  .strict();
export type EncryptionHeader = z.output<typeof encryptionSchema>;

export const headerSchema = z
  .object({
    format: z.literal('dangan-backup'),
    version: z.number().int().min(1),
    createdAt: z.number().int().min(0),
    app: z.object({ version: z.string().max(50) }).strict(),
    encryption: encryptionSchema.nullable(),
  })
  .strict();
export type BackupHeader = z.output<typeof headerSchema>;

export const manifestEntrySchema = z
  .object({
    type: z.enum(['docs', 'blob']),
    name: z.string().max(100),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    docs: z.number().int().min(0).optional(),
  })
  .strict();
export type ManifestEntry = z.output<typeof manifestEntrySchema>;

export const manifestSchema = z
  .object({
    entries: z.array(manifestEntrySchema),
    documents: z.record(z.string(), z.number().int().min(0)),
    missingBlobs: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
    damagedBlobs: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  })
  .strict();
export type Manifest = z.output<typeof manifestSchema>;

export function encodeHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const head = Buffer.concat([MAGIC, length, json]);
  return Buffer.concat([head, createHash('sha256').update(head).digest()]);
}

export function encodeEntryHead(type: EntryType, name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const head = Buffer.alloc(1 + 2 + nameBytes.length + 8);
  head.writeUInt8(ENTRY_TYPES[type], 0);
  head.writeUInt16BE(nameBytes.length, 1);
  nameBytes.copy(head, 3);
  head.writeBigUInt64BE(BigInt(size), 3 + nameBytes.length);
  return head;
}

export type BackupProblem =
  | 'notABackup'
  | 'unsupportedVersion'
  | 'passphraseRequired'
  | 'wrongPassphrase'
  | 'damaged'
  | 'profileNotEmpty'
  | 'busy'
  | 'notFound';

/** A refusal the UI explains with `backup.errors.<problem>`. */
export function backupError(problem: BackupProblem, detail: string): IpcFailure {
  const code = problem === 'notFound' ? 'not-found' : problem === 'busy' ? 'conflict' : 'refused';
  return new IpcFailure(code, detail, `backup.errors.${problem}`);
}
