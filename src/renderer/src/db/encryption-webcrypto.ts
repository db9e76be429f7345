import {
  addRxStorageMultiInstanceSupport,
  wrapRxStorageInstance,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { shareDecryptedEvents } from './decrypted-events';

/**
 * Field encryption at rest with WebCrypto AES-256-GCM, as a storage wrapper with the same
 * contract as RxDB's `encryption-crypto-js` (fields a schema lists as `encrypted` are stored
 * as strings; the database `password` is the key material). Why not crypto-js: it takes
 * ~0.3 ms per field in pure JavaScript, so 100k customers cost minutes to write and to
 * read back; WebCrypto runs natively at ~15–20 µs per field.
 *
 * Stored form: `g1:` + base64(12-byte IV ‖ ciphertext ‖ tag). The authenticated data binds
 * each ciphertext to its collection, document id and field, so a value copied into another
 * document or field fails to decrypt instead of being read as the wrong customer's data.
 * The key is derived with HKDF-SHA256: the password is a random key kept by main in
 * safeStorage, so a slow password-stretching KDF would only slow every start.
 */

const PREFIX = 'g1:';
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(password: string): Promise<CryptoKey> {
  let key = keys.get(password);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey('raw', encoder.encode(password), 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('dangan/field-encryption'), info: encoder.encode('aes-256-gcm/v1') },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    keys.set(password, key);
  }
  return key;
}

/** Native base64 where the engine has it (Chromium 140+): the loops below were a quarter of decrypting a pull. */
const nativeFromBase64 = (Uint8Array as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;
const hasNativeToBase64 = typeof (Uint8Array.prototype as { toBase64?: unknown }).toBase64 === 'function';

function toBase64(bytes: Uint8Array): string {
  if (hasNativeToBase64) return (bytes as Uint8Array & { toBase64(): string }).toBase64();
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (nativeFromBase64) return nativeFromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function encryptValue(key: CryptoKey, aad: string, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  const out = new Uint8Array(12 + sealed.byteLength);
  out.set(iv, 0);
  out.set(new Uint8Array(sealed), 12);
  return PREFIX + toBase64(out);
}

export async function decryptValue(key: CryptoKey, aad: string, stored: string): Promise<unknown> {
  if (!stored.startsWith(PREFIX)) throw new Error(`encrypted field ${aad} is not in the g1 format`);
  const bytes = fromBase64(stored.slice(PREFIX.length));
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: encoder.encode(aad) },
    key,
    bytes.subarray(12),
  );
  return JSON.parse(decoder.decode(plain)) as unknown;
}

type Doc = Record<string, unknown>;

/** Reads a dotted path; writes it on a copy that shares every untouched branch. */
function getPath(doc: Doc, path: string[]): unknown {
  let node: unknown = doc;
  for (const part of path) node = node && typeof node === 'object' ? (node as Doc)[part] : undefined;
  return node;
}

function withPath(doc: Doc, path: string[], value: unknown): Doc {
  const [head, ...rest] = path;
  if (head === undefined) return doc;
  const child = doc[head];
  return { ...doc, [head]: rest.length === 0 ? value : withPath(child && typeof child === 'object' ? (child as Doc) : {}, rest, value) };
}

function storedSchema<T>(schema: RxJsonSchema<T>, paths: string[][]): RxJsonSchema<T> {
  const copy = structuredClone(schema) as RxJsonSchema<T> & { encrypted?: string[] };
  delete copy.encrypted;
  for (const path of paths) {
    let level = copy as unknown as { properties: Record<string, unknown> };
    for (const part of path.slice(0, -1)) level = level.properties[part] as typeof level;
    level.properties[path[path.length - 1]!] = { type: 'string' };
  }
  return copy;
}

export function wrappedWebCryptoEncryptionStorage<Internals, Options>(args: {
  storage: RxStorage<Internals, Options>;
}): RxStorage<Internals, Options> {
  return {
    ...args.storage,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const encrypted = params.schema.encrypted ?? [];
      if (params.schema.attachments?.encrypted) {
        throw new Error(`${params.collectionName}: encrypted attachments are not supported by this storage`);
      }
      if (encrypted.length === 0) return args.storage.createStorageInstance(params);
      if (!params.password || typeof params.password !== 'string') {
        throw new Error(`${params.collectionName} has encrypted fields: open the database with a password`);
      }
      const key = await keyFor(params.password);
      const paths = encrypted.map((p) => p.split('.'));
      const primary = typeof params.schema.primaryKey === 'string' ? params.schema.primaryKey : params.schema.primaryKey.key;
      const aad = (doc: Doc, path: string[]) => `${params.collectionName}\u0000${String(doc[primary])}\u0000${path.join('.')}`;
      // Other instances (the sync worker, other windows) hear this instance's changes in plaintext,
      // broadcast from this wrapper (below), not as ciphertext from the storage under it: each
      // pulled customer was otherwise decrypted again in every window — WebCrypto, base64, JSON
      // for three fields of 250 documents per write, the largest share of the UI thread's long
      // tasks during a first sync. The channel is in memory and same-origin, between contexts
      // that hold the key; what is at rest stays encrypted.
      const instance = await args.storage.createStorageInstance({
        ...params,
        schema: storedSchema(params.schema, paths),
        multiInstance: false,
      });
      const fromStorage = async (stored: RxDocumentData<unknown>) => {
        let doc = stored as Doc;
        for (const path of paths) {
          const value = getPath(doc, path);
          if (typeof value === 'string') doc = withPath(doc, path, await decryptValue(key, aad(doc, path), value));
        }
        return doc as unknown as RxDocumentData<RxDocType>;
      };
      // Stored (encrypted) objects this instance wrote → their plaintext, for its own change events.
      const plainOf = new WeakMap<object, RxDocumentData<RxDocType>>();
      const wrapped = wrapRxStorageInstance<RxDocType>(
        params.schema as RxJsonSchema<RxDocumentData<RxDocType>>,
        instance,
        async (docData) => {
          let doc = docData as unknown as Doc;
          for (const path of paths) {
            const value = getPath(doc, path);
            if (value !== undefined) doc = withPath(doc, path, await encryptValue(key, aad(doc, path), value));
          }
          plainOf.set(doc, docData as RxDocumentData<RxDocType>);
          return doc as unknown as RxDocumentData<RxDocType>;
        },
        fromStorage,
      );
      shareDecryptedEvents(wrapped, instance as never, plainOf, fromStorage);
      // Under the storage's own name: RxDB shares one BroadcastChannel per database, named after
      // the storage that opened it first, and matches messages by storage and collection name.
      await addRxStorageMultiInstanceSupport(args.storage.name, params, wrapped);
      const capability: FieldDecryptor = {
        decryptStoredField: (stored, path) => {
          const parts = path.split('.');
          const value = getPath(stored, parts);
          const isEncrypted = encrypted.includes(path) && typeof value === 'string';
          return isEncrypted ? decryptValue(key, aad(stored, parts), value) : Promise.resolve(value);
        },
      };
      return Object.assign(wrapped, capability);
    },
  };
}

/**
 * Offered by the wrapped instance: decrypts one field of a document read from the storage
 * under it, so a reader that needs one field (search needs contacts) does not decrypt all.
 */
export interface FieldDecryptor {
  decryptStoredField(stored: Record<string, unknown>, path: string): Promise<unknown>;
}
