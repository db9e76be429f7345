/**
 * A test page with the app's real data layer on Dexie (IndexedDB), for tests that must run
 * against the browser's storage rather than fake-indexeddb.
 */
import Dexie from 'dexie';
import { fillWithDefaultSettings, getChangedDocumentsSince, getChangedDocumentsSinceQuery, prepareQuery } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { withInsertsWithoutRead } from '../../../src/renderer/src/db/dexie-inserts';
import { writeInBatches } from '../../../src/renderer/src/db/batch';
import { openDatabase } from '../../../src/renderer/src/db/database';
import { browserStorage } from '../../../src/renderer/src/db/storage';
import { AT_DESC_BASE } from '../../../src/shared/schema';

Object.assign(globalThis, {
  __dbtest: {
    openDatabase,
    writeInBatches,
    browserStorage,
    AT_DESC_BASE,
    dexieVersion: Dexie.semVer,
    rxdb: { getChangedDocumentsSince, getChangedDocumentsSinceQuery, prepareQuery, fillWithDefaultSettings, getRxStorageDexie },
    withInsertsWithoutRead,
  },
});
