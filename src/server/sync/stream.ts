import type { FastifyInstance } from 'fastify';
import { readableCollections } from '../../shared/access';
import type { ReplicatedCollection } from '../../shared/schema';
import { RESYNC } from '../../shared/sync/protocol';
import { requireUser } from '../auth/guard';
import type { ServerConfig } from '../config';
import type { Database } from '../db/types';
import { ApiFailure } from '../errors';
import type { ChangeHub, StreamClient } from './hub';
import { parseCollection } from './routes';

/** A client that cannot keep up is dropped; it reconnects and pulls (RESYNC). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

function chosenCollections(
  role: Parameters<typeof readableCollections>[0],
  query: string | undefined,
): Set<ReplicatedCollection> {
  const readable = readableCollections(role);
  if (!query) return new Set(readable);
  const chosen = new Set<ReplicatedCollection>();
  for (const name of query.split(',')) {
    const collection = parseCollection(name.trim());
    if (!readable.includes(collection)) {
      throw new ApiFailure(403, 'forbidden', `role ${role} may not read ${collection}`);
    }
    chosen.add(collection);
  }
  return chosen;
}

/**
 * `GET /api/sync/stream`: Server-Sent Events, authenticated by the Authorization header (the
 * sync worker uses a fetch-based reader; tokens never go into URLs, where logs keep them).
 */
export function registerStreamRoute(
  app: FastifyInstance,
  db: Database,
  config: ServerConfig,
  hub: ChangeHub,
): void {
  app.get<{ Querystring: { collections?: string } }>('/api/sync/stream', async (request, reply) => {
    const user = await requireUser(db, request);
    const collections = chosenCollections(user.role, request.query.collections);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let open = true;
    const client: StreamClient = {
      user,
      collections,
      send(data) {
        if (!open) return false;
        if (raw.writableLength > MAX_BUFFERED_BYTES) {
          client.close();
          return false;
        }
        raw.write(`data: ${data}\n\n`);
        return true;
      },
      close() {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        hub.remove(client);
        raw.end();
      },
    };
    const heartbeat = setInterval(() => {
      if (Date.now() >= client.user.expiresAt) {
        client.close();
        return;
      }
      if (open) raw.write(': ping\n\n');
    }, config.heartbeatMs);
    heartbeat.unref();
    raw.on('close', () => client.close());
    raw.on('error', () => client.close());
    hub.add(client);
    // Whatever happened while the client was away, it must pull before trusting the stream.
    client.send(JSON.stringify(RESYNC));
  });
}
