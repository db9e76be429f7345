import type { EventBulk, RxDocumentData, RxStorageChangeEvent, RxStorageInstance } from 'rxdb';
import { BehaviorSubject, concatMap, filter, firstValueFrom, share, tap, type Observable } from 'rxjs';

type Instance<T> = RxStorageInstance<T, unknown, unknown>;
type Bulk<T> = EventBulk<RxStorageChangeEvent<T>, unknown>;

/**
 * Replaces the change stream of an encrypting wrapper (RxDB's `wrapRxStorageInstance`) with
 * one that decrypts each event once, and not at all for this instance's own writes.
 *
 * RxDB's wrapper decrypts every document of every event again for each subscriber (the
 * collection, replication's upstream…), although for a write made here the plaintext was in
 * hand a moment before: a pulled customer was encrypted once and decrypted two or three times.
 * `plainOf` maps each stored (encrypted) object this instance wrote to the plaintext it came
 * from — the storage emits those very objects — so only what the storage emits otherwise (a
 * previous state it read back) is decrypted, once for all subscribers. Changes made elsewhere
 * (another window, the worker) do not come through here: they are broadcast in plaintext above
 * the encryption wrapper (encryption-webcrypto.ts).
 * Events keep their order, and a write still resolves only after its events went out, as RxDB
 * requires of a storage.
 */
export function shareDecryptedEvents<T>(
  wrapped: Instance<T>,
  base: Instance<unknown>,
  plainOf: WeakMap<object, RxDocumentData<T>>,
  fromStorage: (stored: RxDocumentData<unknown>) => Promise<RxDocumentData<T>>,
): void {
  const processing = new BehaviorSubject(0);
  const plain = async (stored: RxDocumentData<unknown> | undefined): Promise<RxDocumentData<T> | undefined> => {
    if (!stored) return stored;
    return plainOf.get(stored) ?? fromStorage(stored);
  };
  const source = base.changeStream() as Observable<Bulk<unknown>>;
  const events$: Observable<Bulk<T>> = source.pipe(
    tap(() => processing.next(processing.value + 1)),
    concatMap(async (bulk: Bulk<unknown>): Promise<Bulk<T>> => ({
      ...bulk,
      events: await Promise.all(
        bulk.events.map(async (event) => ({
          operation: event.operation,
          documentId: event.documentId,
          documentData: (await plain(event.documentData))!,
          previousDocumentData: await plain(event.previousDocumentData),
          isLocal: false,
        })),
      ),
    })),
    tap(() => processing.next(processing.value - 1)),
    share(),
  );
  wrapped.changeStream = () => events$;
  const bulkWrite = wrapped.bulkWrite.bind(wrapped);
  wrapped.bulkWrite = async (rows, context) => {
    const result = await bulkWrite(rows, context);
    await firstValueFrom(processing.pipe(filter((count) => count === 0)));
    return result;
  };
}
