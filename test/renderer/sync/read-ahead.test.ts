import {
  fillWithDefaultSettings,
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  randomToken,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { prefetchAssumedStates } from '../../../src/renderer/src/sync/chunked-storage';
import { testStorage } from './support/client';

interface Item {
  id: string;
  name: string;
}
type Meta = Record<string, unknown>;

const itemSchema = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, name: { type: 'string' } },
  required: ['id', 'name'],
} as RxJsonSchema<Item>) as RxJsonSchema<RxDocumentData<Item>>;
const metaSchema = getRxReplicationMetaInstanceSchema(itemSchema, false) as unknown as RxJsonSchema<RxDocumentData<Meta>>;
const metaId = (itemId: string) => getComposedPrimaryKeyOfDocumentData(metaSchema, { itemId, isCheckpoint: '0' } as never);

interface Hold {
  /** While set, a read by id answers only after it resolves (a read kept in flight). */
  held: Promise<void> | null;
  /** While set, a write reaches storage only after it resolves. */
  writeHeld: Promise<void> | null;
}

/** Memory storage that counts the documents asked of it by id (what reached storage). */
function countingStorage(): { storage: RxStorage<unknown, unknown>; read: string[]; hold: Hold } {
  const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
  const read: string[] = [];
  const hold: Hold = { held: null, writeHeld: null };
  const storage: RxStorage<unknown, unknown> = {
    ...memory,
    async createStorageInstance(params) {
      const instance = await memory.createStorageInstance(params);
      const find = instance.findDocumentsById.bind(instance);
      instance.findDocumentsById = async (ids, withDeleted) => {
        read.push(...ids);
        const found = await find(ids, withDeleted);
        if (hold.held) await hold.held;
        return found;
      };
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        if (hold.writeHeld) await hold.writeHeld;
        return write(rows, context);
      };
      return instance;
    },
  };
  return { storage, read, hold };
}

const opened: RxStorageInstance<Meta, unknown, unknown>[] = [];

/** A replication meta instance (named as RxDB names them) of `storage`. */
async function openIn(storage: RxStorage<unknown, unknown>): Promise<RxStorageInstance<Meta, unknown, unknown>> {
  const meta = (await storage.createStorageInstance({
    databaseName: `read-ahead-${randomToken(8)}`,
    collectionName: `rx-replication-meta-${randomToken(8)}`,
    schema: metaSchema,
    options: {},
    multiInstance: false,
    devMode: false,
    databaseInstanceToken: randomToken(10),
  })) as RxStorageInstance<Meta, unknown, unknown>;
  opened.push(meta);
  return meta;
}

/** A replication meta instance the way the worker's storage opens one, under RxDB's wrappers. */
async function openMeta(): Promise<{
  meta: RxStorageInstance<Meta, unknown, unknown>;
  read: string[];
  hold: Hold;
}> {
  const { storage, read, hold } = countingStorage();
  return { meta: await openIn(testStorage(storage)), read, hold };
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
});

function metaDoc(itemId: string, name: string, previous?: RxDocumentData<Meta>): RxDocumentData<Meta> {
  return {
    id: metaId(itemId),
    itemId,
    isCheckpoint: '0',
    docData: { id: itemId, name, _deleted: false },
    _deleted: false,
    _attachments: {},
    _meta: { lwt: Date.now() + (previous ? 1 : 0) },
    _rev: previous ? '2-b' : '1-a',
  } as unknown as RxDocumentData<Meta>;
}

async function store(meta: RxStorageInstance<Meta, unknown, unknown>, docs: RxDocumentData<Meta>[], previous: RxDocumentData<Meta>[] = []) {
  const result = await meta.bulkWrite(
    docs.map((document, i) => ({ document, ...(previous[i] ? { previous: previous[i] } : {}) })),
    'test',
  );
  expect(result.error).toEqual([]);
}

const names = (docs: RxDocumentData<Meta>[]) =>
  docs.map((d) => `${String(d['itemId'])}=${String((d['docData'] as Item).name)}`).sort();

describe('the last server states of offline edits are read ahead (chunked-storage.ts)', () => {
  it('serves replication reads from what was read ahead, without asking storage again', async () => {
    const { meta, read } = await openMeta();
    await store(meta, [metaDoc('a', 'A'), metaDoc('b', 'B')]);
    await prefetchAssumedStates(meta, ['a', 'b', 'new']);
    expect(read.sort()).toEqual([metaId('a'), metaId('b'), metaId('new')].sort());
    read.length = 0;

    const found = await meta.findDocumentsById([metaId('a'), metaId('b'), metaId('new')], true);
    expect(names(found)).toEqual(['a=A', 'b=B']);
    expect(read).toEqual([]);

    // Again (counting what waits to go up reads the same states), and a state not read ahead from storage.
    expect(names(await meta.findDocumentsById([metaId('a'), metaId('c')], true))).toEqual(['a=A']);
    expect(read).toEqual([metaId('c')]);
  });

  it('never serves a state written after it was read ahead', async () => {
    const { meta, read } = await openMeta();
    const a1 = metaDoc('a', 'A');
    await store(meta, [a1]);
    await prefetchAssumedStates(meta, ['a']);
    await store(meta, [metaDoc('a', 'A2', a1)], [a1]);
    read.length = 0;
    expect(names(await meta.findDocumentsById([metaId('a')], true))).toEqual(['a=A2']);
    expect(read).toEqual([metaId('a')]);
  });

  it('drops a read ahead whose document was written while it was in flight', async () => {
    const { meta, hold } = await openMeta();
    const a1 = metaDoc('a', 'A');
    await store(meta, [a1]);
    let release = () => undefined as void;
    hold.held = new Promise<void>((resolve) => (release = resolve));
    const reading = prefetchAssumedStates(meta, ['a', 'gone']);
    await store(meta, [metaDoc('a', 'A2', a1), metaDoc('gone', 'created')], [a1]);
    hold.held = null;
    release();
    await reading;
    expect(names(await meta.findDocumentsById([metaId('a'), metaId('gone')], true))).toEqual(['a=A2', 'gone=created']);
  });

  it('drops a read ahead made while a write of its document was on its way to storage', async () => {
    const { meta, hold } = await openMeta();
    const a1 = metaDoc('a', 'A');
    await store(meta, [a1]);
    let release = () => undefined as void;
    hold.writeHeld = new Promise<void>((resolve) => (release = resolve));
    const writing = store(meta, [metaDoc('a', 'A2', a1)], [a1]);
    // Let the write reach the held point, then read ahead: storage still has the old state.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await prefetchAssumedStates(meta, ['a']);
    hold.writeHeld = null;
    release();
    await writing;
    expect(names(await meta.findDocumentsById([metaId('a')], true))).toEqual(['a=A2']);
  });

  it('leaves reads without deleted states to storage', async () => {
    const { meta, read } = await openMeta();
    await store(meta, [metaDoc('a', 'A')]);
    await prefetchAssumedStates(meta, ['a']);
    read.length = 0;
    expect(names(await meta.findDocumentsById([metaId('a')], false))).toEqual(['a=A']);
    expect(read).toEqual([metaId('a')]);
  });

  it('does nothing for an instance that is not a replication meta instance of this storage', async () => {
    const { storage, read } = countingStorage();
    await prefetchAssumedStates(await openIn(storage), ['a']);
    expect(read).toEqual([]);
  });
});
