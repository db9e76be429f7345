import type { FastifyInstance } from 'fastify';
import { canRead } from '../../shared/access';
import type { HistoryEntry } from '../../shared/sync/protocol';
import { requireUser } from '../auth/guard';
import type { Database } from '../db/types';
import { ApiFailure } from '../errors';
import { parseCollection } from '../sync/routes';

/** The newest entries returned; a record edited more often than this shows its recent past. */
const MAX_ENTRIES = 1000;

interface AuditRow {
  id: number;
  at: Date;
  user_id: string;
  username: string | null;
  device_id: string;
  /** Entries since migration 0005: the document as stored and its flag. */
  doc: Record<string, unknown> | null;
  deleted: boolean | null;
  /** Entries before it. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The version an entry wrote, as RxDB sees it (the flag first, as pushes and pulls carry it). */
function stateOf(row: AuditRow): Record<string, unknown> {
  if (row.doc) return { _deleted: row.deleted === true, ...row.doc };
  return row.after ?? {};
}

/**
 * `GET /api/history/:collection/:id`: every accepted write of a record (who, from which device,
 * when, before and after), oldest first, for users who may read the record now.
 */
export function registerHistoryRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Params: { collection: string; id: string } }>(
    '/api/history/:collection/:id',
    async (request) => {
      const user = await requireUser(db, request);
      const collection = parseCollection(request.params.collection);
      const { id } = request.params;
      const docs = await db.query<{ owner_id: string | null; team_id: string | null }>(
        'SELECT owner_id, team_id FROM docs WHERE collection = $1 AND id = $2',
        [collection, id],
      );
      const doc = docs[0];
      if (!doc || !canRead(user, collection, { ownerId: doc.owner_id, teamId: doc.team_id })) {
        throw new ApiFailure(
          404,
          'notFound',
          `no ${collection} record ${id.slice(0, 64)} that you may read`,
        );
      }
      // Newest first, one more than is returned: an entry's `before` is the entry before it.
      const rows = await db.query<AuditRow>(
        `SELECT a.id, a.at, a.user_id, u.username, a.device_id, a.doc, a.deleted, a.before, a.after
           FROM audit a LEFT JOIN users u ON u.id = a.user_id
          WHERE a.collection = $1 AND a.doc_id = $2
          ORDER BY a.id DESC LIMIT ${MAX_ENTRIES + 1}`,
        [collection, id],
      );
      const entries: HistoryEntry[] = [];
      for (let i = Math.min(rows.length, MAX_ENTRIES) - 1; i >= 0; i--) {
        const r = rows[i] as AuditRow;
        const previous = rows[i + 1];
        entries.push({
          id: r.id,
          at: r.at.getTime(),
          userId: r.user_id,
          username: r.username ?? '',
          deviceId: r.device_id,
          before: r.doc ? (previous ? stateOf(previous) : null) : r.before,
          after: stateOf(r),
        });
      }
      return { collection, id, entries };
    },
  );
}
