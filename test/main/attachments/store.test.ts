import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentsFixture, expectOk, MiB, recordingContext } from './helpers';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), randomBytes(300)]);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('attachment store', () => {
  let fx: Awaited<ReturnType<typeof attachmentsFixture>>;
  beforeEach(async () => {
    fx = await attachmentsFixture();
  });
  afterEach(() => fx.cleanup());

  it('stores the same bytes once, named by their sha256 under a two-digit shard', async () => {
    const source = path.join(fx.dir, 'contract.pdf');
    await writeFile(source, PDF);
    fx.os.picked = [source, source];
    const { files } = expectOk(await fx.call('attachments:pick', {}));
    expect(files.map((f) => f.deduplicated)).toEqual([false, true]);
    expect(files[0]?.sha256).toBe(sha(PDF));
    const uploaded = expectOk(await fx.call('attachments:uploadBegin', { name: 'copy.pdf', size: PDF.length }));
    expectOk(await fx.call('attachments:uploadChunk', { uploadId: uploaded.uploadId, bytes: PDF }));
    const again = expectOk(await fx.call('attachments:uploadFinish', { uploadId: uploaded.uploadId }));
    expect(again.deduplicated).toBe(true);
    const blobs = (await filesUnder(fx.store.root)).filter((f) => !f.includes(`${path.sep}thumbs`) && !f.endsWith('.json'));
    expect(blobs).toEqual([path.join(fx.store.root, sha(PDF).slice(0, 2), sha(PDF))]);
    expect(await readFile(blobs[0] ?? '')).toEqual(PDF);
  });

  it('detects the type from the bytes, not from the name', async () => {
    const upload = async (name: string, bytes: Buffer) => {
      const { uploadId } = expectOk(await fx.call('attachments:uploadBegin', { name, size: bytes.length }));
      expectOk(await fx.call('attachments:uploadChunk', { uploadId, bytes }));
      return expectOk(await fx.call('attachments:uploadFinish', { uploadId }));
    };
    expect(await upload('notes.txt', PDF)).toMatchObject({ mime: 'application/pdf', category: 'pdf', name: 'notes.txt' });
    expect(await upload('photo.pdf', PNG)).toMatchObject({ mime: 'image/png', category: 'image' });
    expect(await upload('invoice.pdf', EXE)).toMatchObject({ category: 'executable' });
    expect(await upload('plain.exe', Buffer.from('合同备注：第二期款项已付。\n'))).toMatchObject({ category: 'text' });
    const info = expectOk(await fx.call('attachments:info', { sha256: sha(PNG) }));
    expect(info).toMatchObject({ previewable: true, size: PNG.length });
  });

  it('refuses a file over the size limit and keeps nothing of it', async () => {
    fx.setLimit(1 * MiB);
    const big = path.join(fx.dir, 'big.bin');
    await writeFile(big, randomBytes(1 * MiB + 1));
    fx.os.picked = [big];
    const { files, refused } = expectOk(await fx.call('attachments:pick', {}));
    expect(files).toEqual([]);
    expect(refused).toEqual([{ name: 'big.bin', messageKey: 'attachments.errors.tooLarge' }]);

    const begin = await fx.call('attachments:uploadBegin', { name: 'big.bin', size: 2 * MiB });
    expect(begin.ok ? null : begin.error.messageKey).toBe('attachments.errors.tooLarge');

    // An upload that announces a small size but keeps sending is stopped at the limit.
    fx.setLimit(64 * 1024);
    const { uploadId } = expectOk(await fx.call('attachments:uploadBegin', { name: 'liar.bin', size: 60 * 1024 }));
    const over = await fx.call('attachments:uploadChunk', { uploadId, bytes: randomBytes(70 * 1024) });
    expect(over.ok).toBe(false);
    expect(await filesUnder(fx.store.root)).toEqual([]);
  });

  it('refuses an upload that ends early, and one from another window', async () => {
    const { uploadId } = expectOk(await fx.call('attachments:uploadBegin', { name: 'a.pdf', size: PDF.length }));
    const stranger = recordingContext(99);
    const hijack = await fx.call('attachments:uploadChunk', { uploadId, bytes: PDF }, stranger);
    expect(hijack.ok ? null : hijack.error.code).toBe('not-found');
    expectOk(await fx.call('attachments:uploadChunk', { uploadId, bytes: PDF.subarray(0, 10) }));
    const finish = await fx.call('attachments:uploadFinish', { uploadId });
    expect(finish.ok ? null : finish.error.messageKey).toBe('attachments.errors.incomplete');
    expect(await filesUnder(fx.store.root)).toEqual([]);
  });

  it('rejects hashes that are not hashes before touching the file system', async () => {
    for (const bad of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64), '..']) {
      const result = await fx.call('attachments:read', { sha256: bad });
      expect(result.ok ? null : result.error.code).toBe('invalid-argument');
    }
    expect(() => fx.store.blobPath('../../../../etc/passwd')).toThrow();
  });

  it('reads slices for previews and stores only small real thumbnails', async () => {
    const { uploadId } = expectOk(await fx.call('attachments:uploadBegin', { name: 'p.png', size: PNG.length }));
    expectOk(await fx.call('attachments:uploadChunk', { uploadId, bytes: PNG }));
    expectOk(await fx.call('attachments:uploadFinish', { uploadId }));
    const slice = expectOk(await fx.call('attachments:read', { sha256: sha(PNG), offset: 8, length: 16 }));
    expect(Buffer.from(slice.bytes)).toEqual(PNG.subarray(8, 24));
    expect(slice.size).toBe(PNG.length);

    const notImage = await fx.call('attachments:putThumbnail', { sha256: sha(PNG), bytes: Buffer.from('<svg onload=alert(1)>') });
    expect(notImage.ok).toBe(false);
    expectOk(await fx.call('attachments:putThumbnail', { sha256: sha(PNG), bytes: PNG }));
    const thumb = expectOk(await fx.call('attachments:thumbnail', { sha256: sha(PNG) }));
    expect(thumb?.mime).toBe('image/png');
    expect(expectOk(await fx.call('attachments:info', { sha256: sha(PNG) }))?.hasThumbnail).toBe(true);
    const url = expectOk(await fx.call('attachments:previewUrl', { sha256: sha(PNG) }));
    expect(url.url).toBe(`dangan-file://attachment/${sha(PNG)}`);
  });

  it('saves a copy wherever the user chooses, offering a cleaned-up name', async () => {
    const { uploadId } = expectOk(await fx.call('attachments:uploadBegin', { name: 'x.pdf', size: PDF.length }));
    expectOk(await fx.call('attachments:uploadChunk', { uploadId, bytes: PDF }));
    expectOk(await fx.call('attachments:uploadFinish', { uploadId }));
    fx.os.savePath = path.join(fx.dir, 'elsewhere.pdf');
    expect(expectOk(await fx.call('attachments:saveAs', { sha256: sha(PDF), name: '../../合同\u202Efdp.exe' }))).toEqual({
      saved: true,
    });
    expect(fx.os.defaultNames).toEqual(['_.._合同fdp.exe']);
    expect(await readFile(fx.os.savePath)).toEqual(PDF);
    expect((await stat(fx.os.savePath)).size).toBe(PDF.length);
  });
});
