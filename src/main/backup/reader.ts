import { createHash } from 'node:crypto';
import { mkdir, open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { openEncryption } from './crypto';
import {
  backupError,
  ENTRY_TYPE_BY_CODE,
  FORMAT_VERSION,
  headerSchema,
  MAGIC,
  manifestSchema,
  MAX_HEADER,
  type BackupHeader,
  type Manifest,
  type ManifestEntry,
} from './format';
import { BodySource } from './io';

const MAX_DOCS_ENTRY = 256 * 1024 * 1024;
const MAX_MANIFEST = 256 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;
const COLLECTIONS = new Set<string>(COLLECTION_NAMES);

export interface StagedBackup {
  header: BackupHeader;
  manifest: Manifest;
  /** Verified documents, one NDJSON file per entry, in file order. */
  docFiles: { collection: CollectionName; file: string; docs: number }[];
  /** Verified attachment bytes, ready to move into the store. */
  blobs: { sha256: string; file: string }[];
}

const damaged = (detail: string) => backupError('damaged', detail);

async function readHeader(handle: FileHandle, fileSize: number): Promise<{ header: BackupHeader; headBytes: Buffer }> {
  const start = Buffer.alloc(12);
  const { bytesRead } = await handle.read(start, 0, 12, 0);
  if (bytesRead < 12 || !start.subarray(0, 8).equals(MAGIC)) throw backupError('notABackup', 'not a Dangan backup file');
  const length = start.readUInt32BE(8);
  if (length > MAX_HEADER || 12 + length + 32 > fileSize) throw damaged('the header is cut short or malformed');
  const json = Buffer.alloc(length + 32);
  await handle.read(json, 0, length + 32, 12);
  const digest = json.subarray(length);
  const headBytes = Buffer.concat([start, json]);
  if (!createHash('sha256').update(headBytes.subarray(0, 12 + length)).digest().equals(digest)) {
    throw damaged('the header does not match its checksum');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json.subarray(0, length).toString('utf8'));
  } catch {
    throw backupError('notABackup', 'the header is not readable');
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    throw backupError('unsupportedVersion', `backup format ${version} is newer than this app reads (${FORMAT_VERSION})`);
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw backupError('notABackup', 'the header is not a Dangan backup header');
  return { header: parsed.data, headBytes };
}

/** Parses NDJSON and checks every line is a document with a string id. */
function checkDocs(data: Buffer, collection: string): number {
  let count = 0;
  for (const line of data.toString('utf8').split('\n')) {
    if (line === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      throw damaged(`a ${collection} document is not valid JSON`);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || typeof (doc as { id?: unknown }).id !== 'string') {
      throw damaged(`a ${collection} entry holds something that is not a document`);
    }
    count += 1;
  }
  return count;
}

/**
 * Reads a whole backup, checks every hash against the manifest and the end mark, and
 * stages its contents in `stagingDir`. Nothing outside `stagingDir` is touched; on any
 * problem the staging folder is removed and the error says what was wrong.
 */
export async function verifyAndStage(
  file: string,
  passphrase: string | undefined,
  stagingDir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<StagedBackup> {
  const handle = await open(file, 'r').catch(() => {
    throw backupError('notFound', 'the backup file cannot be opened');
  });
  await rm(stagingDir, { recursive: true, force: true });
  await mkdir(path.join(stagingDir, 'blobs'), { recursive: true });
  try {
    const fileSize = (await handle.stat()).size;
    const { header, headBytes } = await readHeader(handle, fileSize);
    let stream = null;
    if (header.encryption) {
      if (!passphrase) throw backupError('passphraseRequired', 'this backup is encrypted');
      const opened = await openEncryption(passphrase, header.encryption);
      if (!opened) throw backupError('wrongPassphrase', 'the passphrase does not open this backup');
      stream = { ...opened, aad: createHash('sha256').update(headBytes).digest(), chunkSize: header.encryption.chunkSize };
    }
    const source = new BodySource(handle, headBytes.length, fileSize, stream);
    const bodyHash = createHash('sha256');
    const seen: ManifestEntry[] = [];
    const docFiles: StagedBackup['docFiles'] = [];
    const blobs: StagedBackup['blobs'] = [];
    let manifest: Manifest | null = null;
    let lastReport = 0;
    for (;;) {
      const typeByte = await source.read(1);
      const type = ENTRY_TYPE_BY_CODE.get(typeByte[0] ?? 0);
      if (!type) throw damaged('an entry of unknown type');
      const endDigest = type === 'end' ? bodyHash.copy().digest() : null;
      const nameLength = await source.read(2);
      const name = (await source.read(nameLength.readUInt16BE(0))).toString('utf8');
      const sizeBytes = await source.read(8);
      const size = Number(sizeBytes.readBigUInt64BE(0));
      if (!endDigest) bodyHash.update(Buffer.concat([typeByte, nameLength, Buffer.from(name, 'utf8'), sizeBytes]));
      if (type === 'end') {
        if (size !== 32 || !endDigest) throw damaged('the end mark is malformed');
        if (!(await source.read(32)).equals(endDigest)) throw damaged('the file does not match its end mark');
        if (!(await source.atEnd())) throw damaged('there are bytes after the end mark');
        break;
      }
      if (manifest) throw damaged('entries follow the manifest');
      if (type === 'manifest') {
        if (size > MAX_MANIFEST) throw damaged('the manifest is too large');
        const data = await source.read(size);
        bodyHash.update(data);
        let parsed;
        try {
          parsed = manifestSchema.safeParse(JSON.parse(data.toString('utf8')));
        } catch {
          parsed = null;
        }
        if (!parsed?.success) throw damaged('the manifest is not readable');
        manifest = parsed.data;
        continue;
      }
      const hash = createHash('sha256');
      if (type === 'docs') {
        if (!COLLECTIONS.has(name)) throw damaged(`unknown collection "${name.slice(0, 40)}"`);
        if (size > MAX_DOCS_ENTRY) throw damaged('a document entry is too large');
        const data = await source.read(size);
        bodyHash.update(data);
        hash.update(data);
        const docs = checkDocs(data, name);
        const staged = path.join(stagingDir, `docs-${String(docFiles.length).padStart(6, '0')}.ndjson`);
        await writeFile(staged, data, { mode: 0o600 });
        docFiles.push({ collection: name as CollectionName, file: staged, docs });
        seen.push({ type, name, size, sha256: hash.digest('hex'), docs });
      } else {
        if (!SHA256.test(name)) throw damaged('an attachment entry is not named by its hash');
        const staged = path.join(stagingDir, 'blobs', name);
        const out = await open(staged, 'w', 0o600);
        try {
          await source.pipe(size, async (bytes) => {
            bodyHash.update(bytes);
            hash.update(bytes);
            let offset = 0;
            while (offset < bytes.length) offset += (await out.write(bytes, offset)).bytesWritten;
          });
          await out.sync();
        } finally {
          await out.close();
        }
        seen.push({ type, name, size, sha256: hash.digest('hex') });
        blobs.push({ sha256: name, file: staged });
      }
      const now = Date.now();
      if (onProgress && now - lastReport > 200) {
        lastReport = now;
        onProgress(source.filePosition, fileSize);
      }
    }
    if (!manifest) throw damaged('the manifest is missing');
    checkAgainstManifest(seen, manifest);
    onProgress?.(fileSize, fileSize);
    const damagedBlobs = new Set(manifest.damagedBlobs);
    return { header, manifest, docFiles, blobs: blobs.filter((b) => !damagedBlobs.has(b.sha256)) };
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    throw error;
  } finally {
    await handle.close();
  }
}

function checkAgainstManifest(seen: ManifestEntry[], manifest: Manifest): void {
  if (seen.length !== manifest.entries.length) throw damaged('the entries do not match the manifest');
  const damagedBlobs = new Set(manifest.damagedBlobs);
  seen.forEach((entry, i) => {
    const listed = manifest.entries[i];
    if (
      !listed ||
      listed.type !== entry.type ||
      listed.name !== entry.name ||
      listed.size !== entry.size ||
      listed.sha256 !== entry.sha256 ||
      (entry.type === 'docs' && listed.docs !== entry.docs)
    ) {
      throw damaged(`entry ${i + 1} does not match the manifest`);
    }
    if (entry.type === 'blob' && entry.sha256 !== entry.name && !damagedBlobs.has(entry.name)) {
      throw damaged(`attachment ${entry.name} does not match its hash`);
    }
  });
}
