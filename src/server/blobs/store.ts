import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiFailure } from '../errors';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Attachment bytes on disk, content-addressed: `<dir>/ab/cd/<sha256>`. A file appears under
 * its name only after its bytes were hashed and matched (written to `tmp/` first, then
 * renamed), so a reader never sees a partial or wrong file.
 */
export class BlobStore {
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  private tmpDir(): string {
    return path.join(this.dir, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256))
      throw new ApiFailure(400, 'badRequest', 'a blob name is 64 lower-case hex digits');
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Uploads interrupted by a crash leave files in tmp/; they are swept at start-up. */
  async init(): Promise<void> {
    await rm(this.tmpDir(), { recursive: true, force: true });
    await mkdir(this.tmpDir(), { recursive: true });
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Stores a stream under its hash; `created` false when the bytes were already there. */
  async put(sha256: string, body: Readable): Promise<{ created: boolean; size: number }> {
    const target = this.pathOf(sha256);
    const tmp = path.join(this.tmpDir(), randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const max = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > max) {
          callback(new ApiFailure(413, 'bodyTooLarge', `a blob may have at most ${max} bytes`));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await mkdir(this.tmpDir(), { recursive: true });
      // The request is piped by hand, not put in the pipeline: on a refusal it is drained rather
      // than destroyed, so the client still reads the answer.
      body.on('error', (error) => meter.destroy(error));
      body.pipe(meter);
      try {
        await pipeline(meter, createWriteStream(tmp, { flags: 'wx' }));
      } catch (error) {
        body.unpipe(meter);
        body.resume();
        throw error;
      }
      const actual = hash.digest('hex');
      if (actual !== sha256) {
        throw new ApiFailure(
          400,
          'hashMismatch',
          `the bytes hash to ${actual}, not to the name ${sha256}`,
        );
      }
      if ((await this.size(sha256)) !== null) return { created: false, size };
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
      return { created: true, size };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}
