/**
 * One laptop of the convergence test, in its own process (RxDB's open core allows 13
 * collections per JS context): the app's SyncEngine on a durable memory storage, driven by the
 * test over IPC. Run with `node --import tsx client-process.ts '<json options>'`.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getLastCheckpointDoc, type RxCollection } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import type { ReplicatedCollection } from '../../../../src/shared/schema';
import type { SessionUser } from '../../../../src/shared/users';
import { login } from '../../../../src/renderer/src/sync/api';
import { Backoff } from '../../../../src/renderer/src/sync/backoff';
import { chunkedWritesStorage } from '../../../../src/renderer/src/sync/chunked-storage';
import { SyncEngine } from '../../../../src/renderer/src/sync/engine';
import { openSyncDatabase } from '../../../../src/renderer/src/sync/open-sync-db';
import type { SyncStatus } from '../../../../src/renderer/src/sync/status';
import { persistentMemoryStorage } from './persistent-memory';
import type { ClientOptions, ClientReply, ClientRequest, Op } from './protocol';

const options = JSON.parse(process.argv[2] ?? '{}') as ClientOptions;

// A laptop whose clock is days off: every timestamp it makes is wrong by this much.
if (options.clockOffsetMs) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + options.clockOffsetMs;
}

// Debugging aid: DANGAN_SYNC_TRACE=1 writes every request and answer of this laptop to trace.log.
if (process.env['DANGAN_SYNC_TRACE']) {
  const trace = path.join(options.dir, 'trace.log');
  mkdirSync(options.dir, { recursive: true });
  const log = (line: Record<string, unknown>) => appendFileSync(trace, `${JSON.stringify({ t: Date.now(), ...line })}\n`);
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = String(input);
    log({ req: url, body: typeof init?.body === 'string' ? init.body : undefined });
    const response = await realFetch(input, init);
    const copy = response.clone();
    void (async () => {
      const reader = copy.body?.getReader();
      if (!reader) return;
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) break;
        log({ res: url, status: response.status, chunk: decoder.decode(value) });
      }
    })();
    return response;
  };
}

function send(message: ClientReply): void {
  process.send?.(message);
}

async function session(): Promise<{ token: string; user: SessionUser }> {
  mkdirSync(options.dir, { recursive: true });
  const file = path.join(options.dir, 'session.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { token: string; user: SessionUser };
  const response = await login(options.serverUrl, {
    username: options.username,
    password: options.password,
    deviceId: `laptop-${options.username}-${options.seed}`,
    deviceName: `convergence ${options.username}`,
  });
  const kept = { token: response.token, user: response.user };
  writeFileSync(file, JSON.stringify(kept));
  return kept;
}

async function main(): Promise<void> {
  const { token, user } = await session();
  const storage = wrappedKeyEncryptionCryptoJsStorage({ storage: chunkedWritesStorage(persistentMemoryStorage(options.dir)) });
  const { db, inbox } = await openSyncDatabase({
    name: `laptop${options.username}`,
    storage,
    multiInstance: false,
    currentUser: { id: () => user.id },
    password: 'convergence-key-0123456789abcdef',
    userId: user.id,
  });
  let status: SyncStatus | null = null;
  const engine = new SyncEngine({
    db,
    inbox,
    user,
    serverUrl: options.serverUrl,
    token,
    collections: options.collections,
    multiInstance: false,
    backoff: new Backoff(100, 1_500),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    onStatus: (next) => (status = next),
  });
  await engine.start();

  const collection = (name: ReplicatedCollection) => db.collections[name] as unknown as RxCollection<Record<string, unknown>>;

  async function apply(op: Op): Promise<boolean> {
    if (op.kind === 'insert') {
      await collection(op.collection).insert(op.doc);
      return true;
    }
    const doc = await collection(op.collection).findOne(op.id).exec();
    if (!doc) return false;
    await doc.incrementalModify((data) => {
      if (op.kind === 'set') data[op.field] = op.value;
      else if (op.kind === 'append') data[op.field] = [...((data[op.field] as unknown[]) ?? []), op.entry];
      else {
        const list = (data[op.field] as unknown[]) ?? [];
        if (!list.includes(op.value)) data[op.field] = [...list, op.value];
      }
      return data;
    });
    return true;
  }

  async function dump() {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const name of options.collections) out[name] = (await collection(name).find().exec()).map((d) => d.toJSON());
    const entries = await db.collections.local.find({ selector: { userId: user.id } }).exec();
    const of = (kind: string) => entries.filter((e) => e.kind === kind).map((e) => e.toJSON().data);
    return { docs: out, conflicts: of('conflict'), rejected: of('rejected'), userId: user.id };
  }

  process.on('message', (raw: ClientRequest) => {
    void (async () => {
      try {
        let value: unknown = null;
        if (raw.cmd === 'apply') value = await apply(raw.op);
        else if (raw.cmd === 'dump') value = await dump();
        else if (raw.cmd === 'status') value = { status, pending: await engine.pendingCounts() };
        else if (raw.cmd === 'syncNow') engine.syncNow();
        else if (raw.cmd === 'checkpoints') {
          const out: Record<string, unknown> = {};
          for (const r of engine.replicationStates) {
            const state = r.state.internalReplicationState;
            out[r.collection] = state ? { down: await getLastCheckpointDoc(state, 'down'), holding: r.guard.isHolding } : null;
          }
          value = out;
        }
        else if (raw.cmd === 'stop') {
          await engine.stop();
          await db.close();
        }
        send({ id: raw.id, ok: true, value });
        if (raw.cmd === 'stop') process.exit(0);
      } catch (error) {
        send({ id: raw.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      }
    })();
  });
  send({ id: 0, ok: true, value: { ready: true, userId: user.id } });
}

main().catch((error: unknown) => {
  send({ id: 0, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
