import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawThumbnail } from '../../../src/renderer/src/features/documents/files';
import { MAX_THUMBNAIL_BYTES } from '../../../src/shared/ipc/attachments';
import { launchChromium } from '../print/chromium';
import { attachmentsFixture, expectOk } from './helpers';

/**
 * Thumbnails are drawn where untrusted images are safe to decode: in the sandboxed renderer
 * (Chromium), by the app's own drawThumbnail; main only checks and keeps the result.
 */
describe('image thumbnails', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  async function thumbnailInChromium(image: { width: number; height: number } | 'garbage'): Promise<Buffer | null> {
    const page = await browser.newPage();
    try {
      const result = await page.evaluate(
        async ([source, spec, maxBytes]) => {
          // The app's own function, compiled from its source inside the page.
          const draw = new Function(`return (${source})`)() as (b: Blob, e: number, m: number) => Promise<Uint8Array | null>;
          let blob: Blob;
          if (spec === 'garbage') {
            blob = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/png' });
          } else {
            const canvas = new OffscreenCanvas(spec.width, spec.height);
            const ctx = canvas.getContext('2d');
            if (!ctx) throw new Error('no 2d context');
            ctx.fillStyle = '#c00';
            ctx.fillRect(0, 0, spec.width, spec.height);
            ctx.fillStyle = '#00c';
            ctx.fillRect(0, 0, spec.width / 2, spec.height / 2);
            blob = await canvas.convertToBlob({ type: 'image/png' });
          }
          const out = await draw(blob, 320, maxBytes);
          return out ? Array.from(out) : null;
        },
        [drawThumbnail.toString(), image, MAX_THUMBNAIL_BYTES] as const,
      );
      return result ? Buffer.from(result) : null;
    } finally {
      await page.close();
    }
  }

  it('draws a small JPEG of a large photo, which main stores and serves', async () => {
    const thumb = await thumbnailInChromium({ width: 4000, height: 3000 });
    expect(thumb).not.toBeNull();
    expect(thumb?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(thumb?.length).toBeLessThanOrEqual(MAX_THUMBNAIL_BYTES);
    // JPEG SOF0 marker: height and width of the thumbnail, longest edge 320.
    const sof = thumb?.indexOf(Buffer.from([0xff, 0xc0])) ?? -1;
    expect(sof).toBeGreaterThan(0);
    expect([thumb?.readUInt16BE(sof + 7), thumb?.readUInt16BE(sof + 5)]).toEqual([320, 240]);

    const fx = await attachmentsFixture();
    try {
      const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
      await fx.store.importStream([photo], 'photo.png');
      const sha256 = createHash('sha256').update(photo).digest('hex');
      expectOk(await fx.call('attachments:putThumbnail', { sha256, bytes: thumb ?? new Uint8Array() }));
      const served = expectOk(await fx.call('attachments:thumbnail', { sha256 }));
      expect(served?.mime).toBe('image/jpeg');
      expect(Buffer.from(served?.bytes ?? []).equals(thumb ?? Buffer.alloc(0))).toBe(true);
    } finally {
      await fx.cleanup();
    }
  });

  it('gives nothing for bytes that are not a decodable image', async () => {
    expect(await thumbnailInChromium('garbage')).toBeNull();
  });
});
