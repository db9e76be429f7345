import { BACKENDS } from './test/server/helpers/backends';
import { addUser, startTestServer, pushNew } from './test/server/helpers/harness';
import { makeCustomer, random } from './bench/server/generate';
const t = await startTestServer(BACKENDS[Number(process.argv[2] ?? 0)]!);
const s = await addUser(t, 'c', 'clerk');
const rand = random(1);
const batches = Array.from({ length: 40 }, (_, i) => Array.from({ length: 20 }, (_, j) => makeCustomer(rand, i * 20 + j, 'a', 'b') as never));
const times: number[] = [];
for (const b of batches) { const t0 = performance.now(); await pushNew(t, s, 'customers', b); times.push(performance.now() - t0); }
console.log('push20 ms', times.slice(5).map(x => x.toFixed(1)).join(' '));
const db = t.server.db;
const plan = { channel: 'x', collection: 'customers', user_id: 'u', device_id: 'd', counts: { customers: 20 }, revocations: [], rekeys: [], updates: [], inserts: Array.from({ length: 20 }, (_, j) => ({ off: j + 1, id: 'zz' + Math.random() + j, deleted: false, doc: makeCustomer(rand, j, 'a', 'b'), owner_id: 'a', team_id: 'b', customer_id: null })) };
for (let k = 0; k < 3; k++) {
  plan.inserts.forEach((r, j) => (r.id = 'zz' + k + '-' + j));
  let t0 = performance.now();
  await db.transaction(async (tx) => { await tx.query('SELECT dangan_apply_push($1::jsonb)', [JSON.stringify(plan)]); });
  console.log('fn', performance.now() - t0);
  t0 = performance.now();
  await db.query(`SELECT 1 FROM docs WHERE collection = 'customers' AND id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [plan.inserts.map(r => r.id)]);
  console.log('lockMasters', performance.now() - t0);
  t0 = performance.now();
  await db.query(`SELECT count(pg_advisory_xact_lock(s.cls, s.k)) FROM (SELECT DISTINCT hashtext(current_schema() || ':dangan:customer') AS cls, hashtext(id) AS k FROM unnest($1::text[]) AS id ORDER BY k OFFSET 0) s`, [plan.inserts.map(r => r.id)]);
  console.log('adv', performance.now() - t0);
  t0 = performance.now();
  await db.query(`SELECT collection, id FROM docs WHERE customer_id = ANY($1::text[]) AND collection <> 'customers' ORDER BY collection, id FOR UPDATE`, [plan.inserts.map(r => r.id)]);
  console.log('deps', performance.now() - t0);
}
await t.close();
