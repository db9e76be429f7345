import { createHash, randomBytes } from 'node:crypto';
import { appendFile, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyStore } from '../../../src/main/attachments/integrity';
import { attachmentsFixture, expectOk } from './helpers';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('integrity check', () => {
  let fx: Awaited<ReturnType<typeof attachmentsFixture>>;
  const files = [randomBytes(300_000), randomBytes(70_000), randomBytes(5_000)];
  beforeEach(async () => {
    fx = await attachmentsFixture();
    for (const bytes of files) await fx.store.importStream([bytes], 'f.bin');
  });
  afterEach(() => fx.cleanup());

  it('passes an untouched store and reports progress', async () => {
    const report = expectOk(await fx.call('attachments:verify', {}));
    expect(report).toEqual({ checked: 3, bytes: 375_000, damaged: [], repaired: [] });
    expect(fx.ctx.events.at(-1)).toEqual({
      name: 'attachments:verifyProgress',
      payload: { checked: 3, total: 3, bytes: 375_000, damaged: 0 },
    });
  });

  it('finds a truncated file and an altered one, and stops serving them', async () => {
    const [a, b] = files.map(sha);
    await truncate(fx.store.blobPath(a ?? ''), 1000);
    const altered = await readFile(fx.store.blobPath(b ?? ''));
    altered[500] = (altered[500] ?? 0) ^ 0x01;
    await writeFile(fx.store.blobPath(b ?? ''), altered);

    const report = expectOk(await fx.call('attachments:verify', {}));
    expect(report.damaged.map((d) => d.sha256).sort()).toEqual([a, b].sort());
    expect(report.damaged.every((d) => d.reason === 'mismatch')).toBe(true);
    expect(await fx.store.has(a ?? '')).toBe(false);
    expect((await readdir(fx.store.damagedDir)).length).toBe(2);
    const read = await fx.call('attachments:read', { sha256: a ?? '' });
    expect(read.ok ? null : read.error.code).toBe('not-found');
  });

  it('repairs from a source that has the right bytes, and only those', async () => {
    const [a, b] = files.map(sha);
    await appendFile(fx.store.blobPath(a ?? ''), 'x');
    await appendFile(fx.store.blobPath(b ?? ''), 'y');
    const report = await verifyStore(fx.store, {
      repair: {
        fetch: async (wanted) => {
          if (wanted === a) return [files[0] ?? new Uint8Array()];
          return [randomBytes(10)];
        },
      },
    });
    expect(report.repaired).toEqual([a]);
    expect(await readFile(fx.store.blobPath(a ?? ''))).toEqual(files[0]);
    expect(await fx.store.has(b ?? '')).toBe(false);
    const again = await verifyStore(fx.store);
    expect(again).toMatchObject({ checked: 2, damaged: [] });
  });
});
