import type { FastifyInstance } from 'fastify';
import { REPLICATED_COLLECTIONS, schemas, type ReplicatedCollection } from '../../shared/schema';
import { authFailure, bearerToken, requireUser } from '../auth/guard';
import { tokenHashOf } from '../auth/tokens';
import type { ServerConfig } from '../config';
import type { Database } from '../db/types';
import { ApiFailure } from '../errors';
import { parseCheckpoint, resolveStart } from './checkpoint';
import { pullPage } from './pull';
import { KeyedGate } from './gate';
import { applyPush } from './push';
import type { IncomingRow } from './push-decide';
import { assumedState, checkDocument, type DocValidators } from './validate';

export function parseCollection(name: string): ReplicatedCollection {
  const found = REPLICATED_COLLECTIONS.find((c) => c === name);
  if (!found) {
    const hint = name === 'local' ? ' (the local collection never leaves the laptop)' : '';
    throw new ApiFailure(
      404,
      'unknownCollection',
      `unknown collection "${name.slice(0, 64)}"${hint}; replicated collections: ${REPLICATED_COLLECTIONS.join(', ')}`,
    );
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The push body's shape (the protocol), checked before any document: a malformed body is the
 * client's bug and is refused whole; a document that fails the schema is refused on its own.
 */
export function parsePushBody(
  body: unknown,
  collection: ReplicatedCollection,
  validators: DocValidators,
  maxRows: number,
): IncomingRow[] {
  if (!Array.isArray(body)) {
    throw new ApiFailure(
      400,
      'badRequest',
      'the push body must be an array of { assumedMasterState, newDocumentState }',
    );
  }
  if (body.length > maxRows) {
    throw new ApiFailure(
      413,
      'bodyTooLarge',
      `at most ${maxRows} documents per push, got ${body.length}`,
    );
  }
  const schema = schemas[collection];
  const key = schema.primaryKey as string;
  const idSpec = schema.properties[key as keyof typeof schema.properties] as { maxLength?: number };
  const maxIdLength = idSpec.maxLength ?? 100;
  const seen = new Set<string>();
  return body.map((item: unknown, index): IncomingRow => {
    if (!isRecord(item) || !isRecord(item['newDocumentState'])) {
      throw new ApiFailure(400, 'badRequest', `row ${index}: newDocumentState must be an object`);
    }
    const pushed = item['newDocumentState'];
    const id = pushed[key];
    if (typeof id !== 'string' || id.length === 0 || id.length > maxIdLength) {
      throw new ApiFailure(
        400,
        'badRequest',
        `row ${index}: ${key} must be a string of 1 to ${maxIdLength} characters`,
      );
    }
    if (seen.has(id))
      throw new ApiFailure(
        400,
        'badRequest',
        `row ${index}: document ${id} appears twice in one push`,
      );
    seen.add(id);
    const rawAssumed = item['assumedMasterState'];
    if (rawAssumed !== undefined && rawAssumed !== null && !isRecord(rawAssumed)) {
      throw new ApiFailure(
        400,
        'badRequest',
        `row ${index}: assumedMasterState must be an object or null`,
      );
    }
    if (isRecord(rawAssumed) && rawAssumed[key] !== id) {
      throw new ApiFailure(
        400,
        'badRequest',
        `row ${index}: assumedMasterState is of another document`,
      );
    }
    const checked = checkDocument(validators, collection, pushed);
    return { id, pushed, checked, assumed: isRecord(rawAssumed) ? assumedState(rawAssumed) : null };
  });
}

export function registerSyncRoutes(
  app: FastifyInstance,
  db: Database,
  config: ServerConfig,
  validators: DocValidators,
): void {
  // Keyed by the collection as named in the path, and around the sign-in check too: every
  // database call of a push waits its turn, so the backends in use stay few (see gate.ts).
  const pushGate = new KeyedGate<string>(config.pushConcurrency);
  app.get<{ Params: { collection: string }; Querystring: { checkpoint?: string; limit?: string } }>(
    '/api/sync/:collection/pull',
    async (request, reply) => {
      const user = await requireUser(db, request);
      const collection = parseCollection(request.params.collection);
      const checkpoint = parseCheckpoint(request.query.checkpoint);
      const limitText = request.query.limit ?? '100';
      const limit = Number(limitText);
      if (!/^\d+$/.test(limitText) || limit < 1 || limit > config.pullMaxLimit) {
        throw new ApiFailure(
          400,
          'badRequest',
          `limit must be an integer from 1 to ${config.pullMaxLimit}`,
        );
      }
      const start = await resolveStart(db, user, checkpoint);
      const body = await pullPage(db, user, collection, start, limit);
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.post<{ Params: { collection: string } }>(
    '/api/sync/:collection/push',
    { bodyLimit: config.pushBodyLimit },
    async (request) =>
      pushGate.run(request.params.collection, async () => {
        const session = tokenHashOf(bearerToken(request));
        let collection: ReplicatedCollection;
        let rows: IncomingRow[];
        try {
          if (!session) throw authFailure('unauthorized');
          collection = parseCollection(request.params.collection);
          rows = parsePushBody(request.body, collection, validators, config.pushMaxRows);
        } catch (error) {
          // Not signed in is said first, before what is wrong with the request.
          await requireUser(db, request);
          throw error;
        }
        if (rows.length === 0) {
          await requireUser(db, request);
          return [];
        }
        return applyPush(db, session, collection, rows);
      }),
  );
}
