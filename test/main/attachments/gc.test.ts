import { createHash, randomBytes } from 'node:crypto';
import { utimes } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectGarbage } from '../../../src/main/attachments/gc';
import { attachmentsFixture, expectOk, recordingContext } from './helpers';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const DAY = 24 * 3600 * 1000;

describe('garbage collection of unreferenced bytes', () => {
  let fx: Awaited<ReturnType<typeof attachmentsFixture>>;
  const kept = randomBytes(1000);
  const orphan = randomBytes(2000);
  beforeEach(async () => {
    fx = await attachmentsFixture();
    await fx.store.importStream([kept], 'kept');
    await fx.store.importStream([orphan], 'orphan');
  });
  afterEach(() => fx.cleanup());

  it('keeps unreferenced bytes through the grace period, then removes them', async () => {
    const t0 = Date.now();
    const referenced = new Set([sha(kept)]);
    expect(await collectGarbage(fx.store, referenced, 30 * DAY, t0)).toEqual({
      deleted: 0,
      bytesFreed: 0,
      pending: 1,
      kept: 1,
    });
    // Still recent by its file time: a late import protects bytes even after 30 days unreferenced.
    expect((await collectGarbage(fx.store, referenced, 30 * DAY, t0 + 31 * DAY)).deleted).toBe(1);
    expect(await fx.store.has(sha(orphan))).toBe(false);
    expect(await fx.store.has(sha(kept))).toBe(true);
  });

  it('restarts the grace period when bytes are referenced again', async () => {
    const t0 = Date.now();
    const old = new Date(t0 - 90 * DAY);
    await utimes(fx.store.blobPath(sha(orphan)), old, old);
    await collectGarbage(fx.store, new Set(), 30 * DAY, t0);
    await collectGarbage(fx.store, new Set([sha(orphan), sha(kept)]), 30 * DAY, t0 + 10 * DAY);
    const report = await collectGarbage(fx.store, new Set(), 30 * DAY, t0 + 35 * DAY);
    expect(report).toMatchObject({ deleted: 0, pending: 2 });
    expect((await collectGarbage(fx.store, new Set(), 30 * DAY, t0 + 66 * DAY)).deleted).toBe(2);
  });

  it('takes the referenced set from the renderer in chunks, per window', async () => {
    const { gcId } = expectOk(await fx.call('attachments:gcBegin', {}));
    expectOk(await fx.call('attachments:gcReferenced', { gcId, sha256s: [sha(kept)] }));
    const other = await fx.call('attachments:gcReferenced', { gcId, sha256s: [sha(orphan)] }, recordingContext(7));
    expect(other.ok).toBe(false);
    const report = expectOk(await fx.call('attachments:gcFinish', { gcId }));
    expect(report).toMatchObject({ kept: 1, pending: 1, deleted: 0 });
    const reused = await fx.call('attachments:gcFinish', { gcId });
    expect(reused.ok).toBe(false);
  });
});
