import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, ConfigError, PROJECT_ROOT } from '../../src/server/config';
import { MIGRATIONS } from '../../src/server/db/migrations/index';
import { BACKENDS } from './helpers/backends';
import { startTestServer } from './helpers/harness';

describe('configuration from the environment', () => {
  it('defaults to 127.0.0.1:8787 and data/server under the project', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8787, databaseUrl: undefined });
    expect(config.dataDir).toBe(path.join(PROJECT_ROOT, 'data', 'server'));
    expect(config.blobDir).toBe(path.join(config.dataDir, 'blobs'));
  });

  it('takes every setting from DANGAN_* variables', () => {
    const config = configFromEnv({
      DANGAN_HOST: '0.0.0.0',
      DANGAN_PORT: '9000',
      DANGAN_DATA_DIR: '/srv/dangan',
      DANGAN_DATABASE_URL: 'postgres://u@db/dangan',
      DANGAN_BLOB_MAX_MB: '5',
      DANGAN_TOKEN_TTL_DAYS: '7',
      DANGAN_TRUST_PROXY: 'true',
      DANGAN_PGLITE_VACUUM_MINUTES: '5',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/srv/dangan',
      blobDir: '/srv/dangan/blobs',
      databaseUrl: 'postgres://u@db/dangan',
      blobMaxBytes: 5 * 1024 * 1024,
      tokenTtlMs: 7 * 24 * 3600 * 1000,
      trustProxy: true,
      maintenanceMs: 5 * 60_000,
    });
  });

  it('names the variable of every bad value', () => {
    const bad = {
      DANGAN_PORT: '70000',
      DANGAN_DATABASE_URL: 'mysql://x',
      DANGAN_ADMIN_PASSWORD: 'short',
      DANGAN_LOG_LEVEL: 'loud',
    };
    expect(() => configFromEnv(bad)).toThrow(ConfigError);
    try {
      configFromEnv(bad);
    } catch (error) {
      for (const name of Object.keys(bad)) expect((error as Error).message).toContain(name);
    }
  });
});

describe('serving HTTPS directly', () => {
  it('answers over TLS with the configured certificate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dangan-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      {
        stdio: 'ignore',
      },
    );
    const t = await startTestServer(
      { name: 'pglite' },
      { config: { tlsCertFile: cert, tlsKeyFile: key } },
    );
    try {
      const url = await t.server.app.listen({ host: '127.0.0.1', port: 0 });
      expect(url).toMatch(/^https:/);
      const body = await new Promise<string>((resolve, reject) => {
        get(`${url}/api/health`, { rejectUnauthorized: false }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve(text));
        }).on('error', reject);
      });
      expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a certificate without its key', () => {
    expect(() => configFromEnv({ DANGAN_TLS_CERT_FILE: '/x.pem' })).toThrow(/go together/);
  });
});

describe.each(BACKENDS)('health on $name', (backend) => {
  it('reports the database state: 200 while it answers, 503 once it does not', async () => {
    const t = await startTestServer(backend);
    try {
      const ok = await t.server.app.inject({ method: 'GET', url: '/api/health' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        status: 'ok',
        database: { kind: backend.name, ok: true, schemaVersion: MIGRATIONS.length },
        changeFeed: true,
      });
      await t.server.db.close();
      const down = await t.server.app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'degraded', database: { ok: false } });
    } finally {
      await t.close();
    }
  });
});
