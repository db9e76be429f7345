import { canRead } from '../../shared/access';
import { REPLICATED_COLLECTIONS, type ReplicatedCollection } from '../../shared/schema';
import { RESYNC } from '../../shared/sync/protocol';
import { authenticateHash, type AuthUser } from '../auth/tokens';
import type { Database } from '../db/types';
import { withDeleted } from './body';

/** A live stream: the hub hands it the changes its user may see. */
export interface StreamClient {
  user: AuthUser;
  collections: ReadonlySet<ReplicatedCollection>;
  /** Sends one message (its JSON data); false when the client was dropped. */
  send(data: string): boolean;
  close(): void;
}

interface ChangeRow {
  seq: number;
  id: string;
  owner_id: string | null;
  team_id: string | null;
  /** For a revocation: the document's current keys. */
  cur_owner: string | null;
  cur_team: string | null;
  revoked: boolean;
  deleted: boolean;
  text: string;
}

interface Logger {
  warn(obj: object, msg: string): void;
}

/** Rows read per query when the hub catches up (bulk imports). */
const READ_BATCH = 2000;

/**
 * Fans committed changes out to this instance's streams. NOTIFY carries only a collection and
 * a sequence; each instance reads the rows itself, once per change for all its clients, and
 * filters them per user. Everything here can be rebuilt from the database: the cursors are
 * where this instance has read up to, nothing another instance needs.
 */
export class ChangeHub {
  private readonly clients = new Set<StreamClient>();
  private readonly cursors = new Map<ReplicatedCollection, number>();
  private readonly targets = new Map<ReplicatedCollection, number>();
  private readonly reading = new Set<ReplicatedCollection>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  async start(): Promise<void> {
    this.unlisten = await this.db.listen({
      onNotify: (payload) => this.onNotify(payload),
      onReconnect: () => void this.resetAfterGap(),
    });
    // After LISTEN: a change committed between the two is read twice at worst, never missed.
    await this.loadCursors();
  }

  async stop(): Promise<void> {
    for (const client of [...this.clients]) client.close();
    this.clients.clear();
    await this.unlisten?.();
  }

  add(client: StreamClient): void {
    this.clients.add(client);
  }

  remove(client: StreamClient): void {
    this.clients.delete(client);
  }

  private async loadCursors(): Promise<void> {
    const rows = await this.db.query<{ collection: string; value: number }>(
      'SELECT collection, value FROM seq_counters',
    );
    for (const row of rows) {
      const collection = REPLICATED_COLLECTIONS.find((c) => c === row.collection);
      if (collection) {
        this.cursors.set(collection, Math.max(row.value, this.cursors.get(collection) ?? 0));
      }
    }
  }

  /** The feed was down: changes may have been missed, so every client pulls. */
  private async resetAfterGap(): Promise<void> {
    try {
      await this.loadCursors();
    } catch (error) {
      this.log.warn({ err: error }, 'could not reload change cursors');
    }
    for (const client of this.clients) client.send(JSON.stringify(RESYNC));
  }

  private onNotify(payload: string): void {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if ('c' in message && 's' in message && typeof message.s === 'number') {
      const collection = REPLICATED_COLLECTIONS.find((c) => c === message.c);
      if (!collection) return;
      this.targets.set(collection, Math.max(message.s, this.targets.get(collection) ?? 0));
      void this.pump(collection);
    } else if ('u' in message && typeof message.u === 'string') {
      void this.recheckUser(message.u);
    }
  }

  /** One reader per collection; notifications that arrive meanwhile are folded into its next read. */
  private async pump(collection: ReplicatedCollection): Promise<void> {
    if (this.reading.has(collection)) return;
    this.reading.add(collection);
    try {
      for (;;) {
        const from = this.cursors.get(collection) ?? 0;
        const target = this.targets.get(collection) ?? 0;
        if (target <= from) break;
        if (!this.anyListens(collection)) {
          // Nobody to tell: a client that connects later gets RESYNC first and pulls.
          this.cursors.set(collection, target);
          continue;
        }
        const rows = await this.read(collection, from, target);
        const upTo = rows.length >= READ_BATCH ? (rows[rows.length - 1] as ChangeRow).seq : target;
        this.cursors.set(collection, upTo);
        this.deliver(collection, rows, upTo);
      }
    } catch (error) {
      this.log.warn({ err: error, collection }, 'could not read changes for live streams');
      for (const client of this.clients) client.send(JSON.stringify(RESYNC));
    } finally {
      this.reading.delete(collection);
    }
  }

  private anyListens(collection: ReplicatedCollection): boolean {
    for (const client of this.clients) if (client.collections.has(collection)) return true;
    return false;
  }

  private read(collection: ReplicatedCollection, from: number, to: number): Promise<ChangeRow[]> {
    return this.db.query<ChangeRow>(
      `SELECT * FROM (
         SELECT d.seq, d.id, d.owner_id, d.team_id, NULL::text AS cur_owner, NULL::text AS cur_team,
                false AS revoked, d.deleted, d.doc::text AS text
           FROM docs d WHERE d.collection = $1 AND d.seq > $2 AND d.seq <= $3
         UNION ALL
         SELECT r.seq, r.doc_id, r.owner_id, r.team_id, x.owner_id, x.team_id,
                true, true, r.snapshot::text
           FROM revocations r JOIN docs x ON x.collection = r.collection AND x.id = r.doc_id
          WHERE r.collection = $1 AND r.seq > $2 AND r.seq <= $3
       ) u ORDER BY seq LIMIT ${READ_BATCH}`,
      [collection, from, to],
    );
  }

  private deliver(
    collection: ReplicatedCollection,
    rows: readonly ChangeRow[],
    upTo: number,
  ): void {
    if (rows.length === 0) return;
    for (const client of this.clients) {
      if (!client.collections.has(collection)) continue;
      const { user } = client;
      const bodies = new Map<string, string>();
      for (const row of rows) {
        const visible = canRead(user, collection, { ownerId: row.owner_id, teamId: row.team_id });
        if (!row.revoked) {
          if (visible) bodies.set(row.id, withDeleted(row.text, row.deleted));
        } else if (
          visible &&
          !canRead(user, collection, { ownerId: row.cur_owner, teamId: row.cur_team })
        ) {
          bodies.set(row.id, withDeleted(row.text, true));
        }
      }
      if (bodies.size === 0) continue;
      const checkpoint = JSON.stringify({ seq: upTo, scope: user.scopeId });
      client.send(
        `{"collection":"${collection}","documents":[${[...bodies.values()].join(',')}],"checkpoint":${checkpoint}}`,
      );
    }
  }

  /** A user's password, role, team or devices changed: streams re-check their session. */
  private async recheckUser(userId: string): Promise<void> {
    for (const client of [...this.clients]) {
      if (client.user.userId !== userId) continue;
      try {
        const result = await authenticateHash(this.db, client.user.tokenHash);
        if (!result.ok) {
          client.close();
          continue;
        }
        const scopeChanged = result.user.scopeId !== client.user.scopeId;
        client.user = result.user;
        if (scopeChanged) client.send(JSON.stringify(RESYNC));
      } catch (error) {
        this.log.warn({ err: error }, 'could not re-check a stream session');
      }
    }
  }
}
