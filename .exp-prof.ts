import { BACKENDS } from './test/server/helpers/backends';
import { addUser, startTestServer, pushNew, auth } from './test/server/helpers/harness';
import { makeCustomer, random } from './bench/server/generate';
const t = await startTestServer(BACKENDS[Number(process.argv[2] ?? 1)]!);
const s = await addUser(t, 'c', 'clerk');
const rand = random(1);
let t0 = performance.now();
for (let i = 0; i < 20000; i += 1000) {
  await pushNew(t, s, 'customers', Array.from({ length: 1000 }, (_, j) => makeCustomer(rand, i + j, 'a', 'b') as never));
}
console.log('seed', performance.now() - t0);
const db = t.server.db;
const q = `SELECT c.value AS head, p.seq, p.id, p.body FROM seq_counters c LEFT JOIN LATERAL (
 SELECT u.seq, u.id, u.body FROM ((SELECT d.seq, d.id, (d.doc || jsonb_build_object('_deleted', d.deleted OR NOT TRUE))::text AS body FROM docs d WHERE d.collection = $1 AND d.seq > $2 AND (TRUE OR FALSE) ORDER BY d.seq LIMIT $3)
 UNION ALL (SELECT r.seq, r.doc_id AS id, (r.snapshot || '{"_deleted": true}'::jsonb)::text AS body FROM revocations r JOIN docs x ON x.collection = r.collection AND x.id = r.doc_id WHERE r.collection = $1 AND r.seq > $2 AND (TRUE OR FALSE) AND NOT TRUE ORDER BY r.seq LIMIT $3)) u ORDER BY u.seq LIMIT $3) p ON TRUE WHERE c.collection = $1 ORDER BY p.seq`;
for (let k = 0; k < 3; k++) {
  
  t0 = performance.now(); await db.query(`SELECT doc::text FROM docs WHERE collection='customers' AND seq > 5000 ORDER BY seq LIMIT 1000`); console.log('plain text', performance.now() - t0);
  t0 = performance.now(); await db.query(`SELECT doc FROM docs WHERE collection='customers' AND seq > 5000 ORDER BY seq LIMIT 1000`); console.log('plain jsonb parsed', performance.now() - t0);
  t0 = performance.now(); const r = await t.server.app.inject({ method: 'GET', url: '/api/sync/customers/pull?limit=1000&checkpoint=' + encodeURIComponent(JSON.stringify({seq: 5000, scope: 2})), headers: auth(s) }); console.log('inject', performance.now() - t0, r.statusCode, r.body.length);
  t0 = performance.now(); JSON.parse(r.body); console.log('client parse', performance.now() - t0);
}
await t.close();
