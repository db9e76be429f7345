import { addRxPlugin, addRxStorageMultiInstanceSupport, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { describe, expect, it, vi } from 'vitest';
import { decryptValue, encryptValue, wrappedWebCryptoEncryptionStorage } from '../../../src/renderer/src/db/encryption-webcrypto';
import { customerSchema, type CustomerDoc } from '../../../src/shared/schema';
import { sampleCustomer } from './fixtures';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);

/** Memory storage under the encryption wrapper; the base storage is kept to read what is stored. */
async function open(password: string, base = getRxStorageMemory()) {
  const storage = wrappedValidateAjvStorage({ storage: wrappedWebCryptoEncryptionStorage({ storage: base }) });
  const db = await createRxDatabase({
    name: `enc${Math.random().toString(36).slice(2, 9)}`,
    storage: storage as RxStorage<unknown, unknown>,
    password,
    multiInstance: false,
  });
  await db.addCollections({ customers: { schema: customerSchema } });
  return db;
}

/**
 * A storage the way Dexie is one in a window or the worker: its own documents (here: memory of
 * its own), and every write broadcast to the other contexts as stored, under any wrapper.
 */
function contextStorage(): RxStorage<unknown, unknown> {
  const memory = { ...getRxStorageMemory(), collectionStates: new Map() };
  return {
    ...memory,
    async createStorageInstance(params) {
      const instance = await memory.createStorageInstance(params as never);
      await addRxStorageMultiInstanceSupport(memory.name, params as never, instance);
      return instance;
    },
  } as RxStorage<unknown, unknown>;
}

async function openContext(name: string, password: string) {
  const storage = wrappedValidateAjvStorage({ storage: wrappedWebCryptoEncryptionStorage({ storage: contextStorage() }) });
  // Two contexts of one database in one process (RxDB refuses that without ignoreDuplicate).
  const db = await createRxDatabase({ name, storage: storage as RxStorage<unknown, unknown>, password, multiInstance: true, ignoreDuplicate: true });
  await db.addCollections({ customers: { schema: customerSchema } });
  return db;
}

function storedDoc(db: Awaited<ReturnType<typeof open>>, id: string) {
  let instance = db.collections.customers!.storageInstance as unknown as {
    originalStorageInstance?: unknown;
    findDocumentsById(ids: string[], deleted: boolean): Promise<Record<string, unknown>[]>;
  };
  while (instance.originalStorageInstance) instance = instance.originalStorageInstance as typeof instance;
  return instance.findDocumentsById([id], false).then((docs) => docs[0]!);
}

describe('WebCrypto field encryption', () => {
  it('stores encrypted fields as ciphertext and reads them back unchanged', async () => {
    const db = await open('a-random-key-0123456789abcdef');
    const doc: CustomerDoc = sampleCustomer({ idNumber: '11010519491231002X' });
    await db.collections.customers!.insert(doc);
    const stored = await storedDoc(db, doc.id);
    for (const field of ['contacts', 'addresses', 'idNumber']) {
      expect(typeof stored[field]).toBe('string');
      expect(String(stored[field])).toMatch(/^g1:/);
      expect(String(stored[field])).not.toContain('138');
    }
    expect(stored['name']).toBe(doc.name);
    const back = (await db.collections.customers!.findOne(doc.id).exec())!.toJSON() as CustomerDoc;
    expect(back.contacts).toEqual(doc.contacts);
    expect(back.addresses).toEqual(doc.addresses);
    expect(back.idNumber).toBe(doc.idNumber);
    await db.close();
  });

  it('decrypts one stored field on request, for readers that need only that field', async () => {
    const db = await open('a-random-key-0123456789abcdef');
    const doc = sampleCustomer({});
    await db.collections.customers!.insert(doc);
    const stored = await storedDoc(db, doc.id);
    let instance = db.collections.customers!.storageInstance as unknown as { originalStorageInstance?: unknown; decryptStoredField?: (d: unknown, p: string) => Promise<unknown> };
    while (!instance.decryptStoredField && instance.originalStorageInstance) instance = instance.originalStorageInstance as typeof instance;
    await expect(instance.decryptStoredField!(stored, 'contacts')).resolves.toEqual(doc.contacts);
    await expect(instance.decryptStoredField!(stored, 'name')).resolves.toBe(doc.name);
    await db.close();
  });

  it('keeps an absent optional field absent and encrypts each write afresh', async () => {
    const db = await open('a-random-key-0123456789abcdef');
    const doc = sampleCustomer({});
    await db.collections.customers!.insert(doc);
    const first = await storedDoc(db, doc.id);
    expect('idNumber' in first).toBe(false);
    await db.collections.customers!.findOne(doc.id).exec().then((d) => d!.incrementalPatch({ note: 'x' }));
    const second = await storedDoc(db, doc.id);
    expect(second['contacts']).not.toBe(first['contacts']);
    await db.close();
  });

  it('refuses a ciphertext moved to another document or field, or altered', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const sealed = await encryptValue(key, 'customers\u0000a\u0000contacts', [{ name: '张三' }]);
    await expect(decryptValue(key, 'customers\u0000a\u0000contacts', sealed)).resolves.toEqual([{ name: '张三' }]);
    await expect(decryptValue(key, 'customers\u0000b\u0000contacts', sealed)).rejects.toThrow();
    await expect(decryptValue(key, 'customers\u0000a\u0000addresses', sealed)).rejects.toThrow();
    const flipped = sealed.slice(0, -6) + (sealed.at(-6) === 'A' ? 'B' : 'A') + sealed.slice(-5);
    await expect(decryptValue(key, 'customers\u0000a\u0000contacts', flipped)).rejects.toThrow();
    await expect(decryptValue(key, 'customers\u0000a\u0000contacts', 'U2FsdGVkX1+crypto-js')).rejects.toThrow(/g1/);
  });

  it('tells other contexts of a change in plaintext, so none of them decrypts it again', async () => {
    const name = `encmi${Math.random().toString(36).slice(2, 9)}`;
    const worker = await openContext(name, 'a-random-key-0123456789abcdef');
    const window = await openContext(name, 'a-random-key-0123456789abcdef');
    const doc = sampleCustomer({ idNumber: '11010519491231002X' });
    const heard = firstValueFrom(window.collections.customers!.$.pipe(filter((event) => event.documentId === doc.id)));
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    try {
      await worker.collections.customers!.insert(doc);
      const event = await heard;
      const data = event.documentData as unknown as CustomerDoc;
      expect(data.contacts).toEqual(doc.contacts);
      expect(data.addresses).toEqual(doc.addresses);
      expect(data.idNumber).toBe(doc.idNumber);
      expect(decrypt).not.toHaveBeenCalled();
    } finally {
      decrypt.mockRestore();
      await window.close();
      await worker.close();
    }
  });

  it('refuses to open encrypted collections without a password', async () => {
    const storage = wrappedValidateAjvStorage({ storage: wrappedWebCryptoEncryptionStorage({ storage: getRxStorageMemory() }) });
    const db = await createRxDatabase({ name: 'nopw', storage: storage as RxStorage<unknown, unknown>, multiInstance: false });
    await expect(db.addCollections({ customers: { schema: customerSchema } })).rejects.toThrow(/password/);
    await db.close();
  });
});
