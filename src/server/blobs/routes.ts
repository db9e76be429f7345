import type { FastifyInstance } from 'fastify';
import { accessOf } from '../../shared/access';
import { requireUser } from '../auth/guard';
import type { Database } from '../db/types';
import { ApiFailure } from '../errors';
import { PredicateBuilder } from '../sync/visibility';
import { SHA256_HEX, type BlobStore } from './store';
import type { SqlParam } from '../db/types';
import type { Readable } from 'node:stream';

function checkName(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) {
    throw new ApiFailure(
      400,
      'badRequest',
      'a blob is named by the SHA-256 of its bytes: 64 lower-case hex digits',
    );
  }
  return sha256;
}

/**
 * `PUT /api/blobs/:sha256` (application/octet-stream, streamed, hash checked, size-limited,
 * idempotent) and `GET /api/blobs/:sha256`, for users who may read an attachment record that
 * names the hash. Anything else gets 404: whether a file exists is not for others to learn.
 */
export function registerBlobRoutes(app: FastifyInstance, db: Database, blobs: BlobStore): void {
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) =>
    done(null, payload),
  );

  app.put<{ Params: { sha256: string } }>('/api/blobs/:sha256', async (request, reply) => {
    const user = await requireUser(db, request);
    const sha256 = checkName(request.params.sha256);
    if (accessOf(user.role, 'attachments').write === 'none') {
      throw new ApiFailure(403, 'forbidden', `role ${user.role} may not upload attachments`);
    }
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > blobs.maxBytes) {
      throw new ApiFailure(413, 'bodyTooLarge', `a blob may have at most ${blobs.maxBytes} bytes`);
    }
    const body = request.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') {
      throw new ApiFailure(
        415,
        'unsupportedMediaType',
        'send the bytes as application/octet-stream',
      );
    }
    const result = await blobs.put(sha256, body);
    return reply
      .status(result.created ? 201 : 200)
      .send({ sha256, size: result.size, created: result.created });
  });

  app.get<{ Params: { sha256: string } }>('/api/blobs/:sha256', async (request, reply) => {
    const user = await requireUser(db, request);
    const sha256 = checkName(request.params.sha256);
    const params: SqlParam[] = [sha256];
    const readable = new PredicateBuilder(params).readable(user, 'attachments', 'd');
    const rows = await db.query(
      `SELECT 1 FROM docs d WHERE d.collection = 'attachments' AND d.doc ->> 'sha256' = $1
          AND NOT d.deleted AND ${readable} LIMIT 1`,
      params,
    );
    const size = rows.length > 0 ? await blobs.size(sha256) : null;
    if (size === null) {
      throw new ApiFailure(
        404,
        'notFound',
        'no file by that hash among the attachments you may see',
      );
    }
    const etag = `"${sha256}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${sha256}"`);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply
      .type('application/octet-stream')
      .header('content-length', String(size))
      .send(blobs.open(sha256));
  });
}
