import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { makeCustomer, random } from '../server/generate';

/**
 * `tsx bench/sync/idb-floor.ts`: what IndexedDB itself costs for the customers collection in
 * Debian's Chromium, without RxDB — raw Dexie bulkPut of documents shaped as RxDB stores
 * them (encrypted fields as ciphertext strings, `_deleted` as '0', `_meta.lwt`), in 250-row
 * transactions, with the indexes RxDB's Dexie storage creates for the schema, fewer, or more
 * rows per transaction. Prints one line per variant (docs/s). DANGAN_IDB_DOCS sets the count;
 * DANGAN_IDB_ONLY keeps the variants whose name contains it (e.g. "meta").
 */
const DOCS = Number(process.env['DANGAN_IDB_DOCS'] ?? 10_000);

const FULL = [
  'id',
  '[_deleted+id]',
  '[_deleted+code+id]',
  '[_deleted+archiveStatus+code+id]',
  '[_deleted+archiveStatus+namePinyin+id]',
  '[_deleted+archiveStatus+ownerId+code+id]',
  '[_deleted+archiveStatus+lifecycle+code+id]',
  '[_deleted+archiveStatus+lastVisitAt+code+id]',
  '[_deleted+updatedAt+id]',
  '[_meta.lwt+id]',
  '_meta.lwt',
].join(', ');
const MINIMAL = 'id, [_meta.lwt+id]';

interface Variant {
  name: string;
  schema: string;
  durability: 'strict' | 'relaxed';
  perTx: number;
  /** Also write each row's replication bookkeeping (RxDB's meta instance) in its own store. */
  meta?: boolean;
  /** Store the doc with one opaque ciphertext of the whole document instead of fields. */
  small?: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'full indexes, strict, 250/tx', schema: FULL, durability: 'strict', perTx: 250 },
  { name: 'full indexes, relaxed, 250/tx', schema: FULL, durability: 'relaxed', perTx: 250 },
  { name: 'full indexes, strict, 1 tx', schema: FULL, durability: 'strict', perTx: DOCS },
  { name: 'pk + lwt only, strict, 250/tx', schema: MINIMAL, durability: 'strict', perTx: 250 },
  { name: 'full indexes, strict, 250/tx, small docs', schema: FULL, durability: 'strict', perTx: 250, small: true },
  { name: 'full + meta store, strict, 250/tx', schema: FULL, durability: 'strict', perTx: 250, meta: true },
  { name: 'pk + lwt only + meta store, strict, 250/tx', schema: MINIMAL, durability: 'strict', perTx: 250, meta: true },
];

function storedDocs(): Record<string, unknown>[] {
  const rand = random(11);
  const cipher = (n: number) => `g1:${Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256))).toString('base64')}`;
  return Array.from({ length: DOCS }, (_, i) => {
    const doc = makeCustomer(rand, i, 'rep-1', 'team-1') as unknown as Record<string, unknown>;
    return {
      ...doc,
      contacts: cipher(JSON.stringify(doc['contacts']).length + 28),
      addresses: cipher(JSON.stringify(doc['addresses']).length + 28),
      _deleted: '0',
      _rev: `1-${i.toString(36)}`,
      _attachments: {},
      _meta: { lwt: 1_700_000_000_000 + i },
    };
  });
}

async function main(): Promise<void> {
  const dexie = readFileSync(path.resolve(import.meta.dirname, '../../node_modules/dexie/dist/dexie.min.js'), 'utf8');
  const server = createServer((req, res) => {
    if (req.url === '/dexie.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(dexie);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/dexie.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const docs = storedDocs();
    const size = JSON.stringify(docs[0]).length;
    console.log(`${DOCS} customers, ~${size} bytes each as stored`);
    const only = process.env['DANGAN_IDB_ONLY'];
    for (const variant of VARIANTS.filter((v) => !only || v.name.includes(only))) {
      // On disk, as the app's profile is (a non-persistent context keeps IndexedDB in memory).
      const profile = mkdtempSync(path.join(tmpdir(), 'dangan-idb-floor-'));
      const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // In slices: one message of 100k documents (~120 MB) closed the page.
      for (let i = 0; i < docs.length; i += 10_000) {
        await page.evaluate((slice) => {
          const g = globalThis as unknown as { floorDocs?: unknown[] };
          (g.floorDocs ??= []).push(...slice);
        }, docs.slice(i, i + 10_000));
      }
      const ms = await page.evaluate(
        async ({ variant }) => {
          const docs = (globalThis as unknown as { floorDocs: Record<string, unknown>[] }).floorDocs;
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Dexie from its UMD bundle, untyped in the page
          const D = (globalThis as unknown as { Dexie: new (name: string, o: object) => any }).Dexie;
          const db = new D('floor', { chromeTransactionDurability: variant.durability });
          db.version(1).stores({ docs: variant.schema, meta: 'id, [_deleted+id], [_meta.lwt+id], _meta.lwt' });
          await db.open();
          const rows = variant.small
            ? docs.map((d: Record<string, unknown>) => ({ ...d, contacts: '', addresses: '', statusHistory: [], location: {}, tags: [], note: '' }))
            : docs;
          const t0 = performance.now();
          for (let i = 0; i < rows.length; i += variant.perTx) {
            const slice = rows.slice(i, i + variant.perTx);
            if (variant.meta) {
              await Promise.all([
                db.docs.bulkPut(slice),
                db.meta.bulkPut(slice.map((d: Record<string, unknown>) => ({ id: `${String(d['id'])}|0`, _deleted: '0', _meta: d['_meta'], data: JSON.stringify(d) }))),
              ]);
            } else await db.docs.bulkPut(slice);
          }
          return performance.now() - t0;
        },
        { variant: { ...variant, schema: variant.schema } },
      );
      console.log(`${variant.name.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(DOCS / (ms / 1000)).toString().padStart(6)} docs/s`);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  } finally {
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
