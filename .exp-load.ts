import { Api, startServer } from './bench/server/client';
import { makeCustomer, random } from './bench/server/generate';
import { mkdtempSync } from 'node:fs';
const server = await startServer({ DANGAN_DATA_DIR: mkdtempSync('/tmp/exp/d-'), DANGAN_ADMIN_PASSWORD: 'bench admin password', DANGAN_SCRYPT_COST: '12', DANGAN_LOGIN_MAX_PER_ADDRESS: '10000', DANGAN_LOGIN_MAX_PER_USER: '10000',
  ...(process.env.PGURL ? { DANGAN_DATABASE_URL: process.env.PGURL, DANGAN_DATABASE_SCHEMA: 'prof_' + Date.now() } : {}),
}, process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/exp/prof'] : []);
const clients = await Promise.all(Array.from({ length: 50 }, (_, i) => Api.login(server.url, 'admin', 'bench admin password', 'dev-load-' + i)));
const rand = random(1);
let n = 0; const t0 = performance.now();
for (let round = 0; round < 10; round++) {
  await Promise.all(clients.map(async (c, i) => { const rows = Array.from({ length: 20 }, (_, j) => ({ newDocumentState: { ...makeCustomer(rand, round * 10000 + i * 100 + j, 'a', 'b'), _deleted: false } })); await c.push('customers', rows); n += 20; }));
}
console.log('docs/s', n / ((performance.now() - t0) / 1000));
await server.stop();
