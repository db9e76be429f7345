import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentStore } from '../../../src/main/attachments/store';
import { TransferQueue } from '../../../src/main/transfer/queue';
import type { TransferJob } from '../../../src/shared/ipc/transfer';
import { attachmentDoc, customerDoc } from '../../server/helpers/docs';
import { login, pushNew } from '../../server/helpers/harness';
import { startHttpServer, type HttpTestServer } from '../../renderer/sync/support/server';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dangan-transfer-'));
  dirs.push(dir);
  return dir;
}

async function storeIn(dir: string): Promise<AttachmentStore> {
  return AttachmentStore.open(path.join(dir, 'attachments'), () => 50 * 1024 * 1024);
}

async function bytesIn(store: AttachmentStore, bytes: Buffer): Promise<string> {
  const file = path.join(tempDir(), 'photo.bin');
  writeFileSync(file, bytes);
  return (await store.importFile(file, 'photo.jpg')).sha256;
}

describe('the attachment transfer queue against the real server', () => {
  let server: HttpTestServer;
  let token = '';
  let customerId = '';

  beforeAll(async () => {
    server = await startHttpServer();
    await server.addUser('rep1', 'rep', 't1');
    const rep = await login(server.t, 'rep1');
    token = rep.token;
    const customer = customerDoc(rep.userId, 't1');
    customerId = customer.id;
    await pushNew(server.t, rep, 'customers', [customer]);
  });
  afterAll(async () => {
    await server.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function register(sha256: string, size: number) {
    const rep = await login(server.t, 'rep1');
    await pushNew(server.t, rep, 'attachments', [attachmentDoc(customerId, sha256, rep.userId, { size })]);
  }

  it('uploads from one laptop and downloads to another, a few at a time, the hash checked', async () => {
    const laptopA = tempDir();
    const storeA = await storeIn(laptopA);
    const files = Array.from({ length: 5 }, () => randomBytes(300_000));
    const shas = [];
    for (const f of files) shas.push(await bytesIn(storeA, f));
    for (const [i, sha] of shas.entries()) await register(sha, files[i]!.length);

    const seen: TransferJob[] = [];
    let running = 0;
    let peak = 0;
    const upload = await TransferQueue.open(laptopA, {
      store: storeA,
      link: () => ({ serverUrl: server.url, token }),
      concurrency: 2,
      onProgress: (job) => {
        seen.push(job);
        if (job.state === 'running' && job.bytes === 0) peak = Math.max(peak, ++running);
        if (job.state !== 'running') running--;
      },
    });
    expect(await upload.enqueueUploads(shas.map((sha256) => ({ sha256, name: 'p.jpg' })))).toBe(5);
    await upload.whenIdle();
    expect(peak).toBeLessThanOrEqual(2);
    // progress is reported: every job ends with all its bytes counted
    expect(seen.filter((j) => j.state === 'done').map((j) => j.bytes)).toEqual(files.map((f) => f.length));
    expect(upload.summary().jobs).toEqual([]);
    // already sent: nothing to do again
    expect(await upload.enqueueUploads([{ sha256: shas[0]!, name: 'p.jpg' }])).toBe(0);
    await upload.close();

    const laptopB = tempDir();
    const storeB = await storeIn(laptopB);
    const download = await TransferQueue.open(laptopB, { store: storeB, link: () => ({ serverUrl: server.url, token }) });
    const { queued } = await download.enqueueDownloads(shas.map((sha256) => ({ sha256, name: 'p.jpg' })), 'background');
    expect(queued).toBe(5);
    await download.whenIdle();
    for (const [i, sha] of shas.entries()) {
      const { bytes } = await storeB.read(sha, 0, 1_000_000);
      expect(Buffer.from(bytes).equals(files[i]!)).toBe(true);
    }
    await download.close();
  });

  it('keeps its jobs across a restart and waits for bytes the server does not have yet', async () => {
    const laptopB = tempDir();
    const storeB = await storeIn(laptopB);
    const missing = randomBytes(1000);
    const sha = createHash('sha256').update(missing).digest('hex');
    await register(sha, missing.length);
    let link: { serverUrl: string; token: string } | null = null;
    const first = await TransferQueue.open(laptopB, { store: storeB, link: () => link, retryBaseMs: 50 });
    await first.enqueueDownloads([{ sha256: sha, name: 'later.jpg' }], 'now');
    expect(first.summary()).toMatchObject({ queued: 1, connected: false });
    await first.close();
    expect(readFileSync(path.join(laptopB, 'transfer', 'queue.json'), 'utf8')).toContain(sha);

    // After a restart, online: the server answers "not there yet" and the job waits, not fails.
    link = { serverUrl: server.url, token };
    const second = await TransferQueue.open(laptopB, { store: storeB, link: () => link, retryBaseMs: 50 });
    await expect.poll(() => second.summary().jobs[0]?.error).toBe('notOnServer');
    expect(second.summary().failed).toBe(0);

    // The laptop that made the bytes comes online and sends them.
    const laptopA = tempDir();
    const storeA = await storeIn(laptopA);
    await bytesIn(storeA, missing);
    const up = await TransferQueue.open(laptopA, { store: storeA, link: () => link });
    await up.enqueueUploads([{ sha256: sha, name: 'later.jpg' }]);
    await up.whenIdle();
    await up.close();
    second.retry(sha);
    await expect.poll(() => storeB.has(sha), { timeout: 10_000 }).toBe(true);
    await second.close();
  });

  it('throws away bytes whose hash is not the one asked for', async () => {
    const laptop = tempDir();
    const store = await storeIn(laptop);
    const real = randomBytes(2000);
    const sha = createHash('sha256').update(real).digest('hex');
    const source = tempDir();
    const sourceStore = await storeIn(source);
    await bytesIn(sourceStore, real);
    await register(sha, real.length);
    const up = await TransferQueue.open(source, { store: sourceStore, link: () => ({ serverUrl: server.url, token }) });
    await up.enqueueUploads([{ sha256: sha, name: 'x' }]);
    await up.whenIdle();
    await up.close();

    // A server that flips one byte on the way: the download must not land in the store.
    const corrupting = await corruptingServer(server.url);
    const queue = await TransferQueue.open(laptop, { store, link: () => ({ serverUrl: corrupting.url, token }), retryBaseMs: 10_000 });
    await queue.enqueueDownloads([{ sha256: sha, name: 'x' }], 'now');
    await expect.poll(() => queue.summary().jobs[0]?.error).toBe('hashMismatch');
    expect(await store.has(sha)).toBe(false);
    await queue.close();
    await corrupting.close();
  });
});

/** Forwards to the server but flips the first byte of every blob body. */
async function corruptingServer(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const server = createServer(async (req, res) => {
    const answer = await fetch(`${target}${req.url}`, { headers: { authorization: req.headers.authorization ?? '' } });
    const body = Buffer.from(await answer.arrayBuffer());
    if (body.length > 0) body[0] = body[0]! ^ 0xff;
    res.writeHead(answer.status, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
