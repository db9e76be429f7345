import type { ServerConfig } from '../config';
import { createServer } from '../server';

/** Runs the server until SIGINT/SIGTERM, then shuts down gracefully. */
export async function serve(config: ServerConfig): Promise<void> {
  const server = await createServer(config);
  if (server.admin.generatedPassword) {
    process.stdout.write(
      [
        '',
        '  First start: created the user "admin".',
        `  Password (shown once, write it down): ${server.admin.generatedPassword}`,
        '  Change it with: npm run server -- users reset-password admin',
        '',
        '',
      ].join('\n'),
    );
  } else if (server.admin.created) {
    process.stdout.write('First start: created the user "admin" with DANGAN_ADMIN_PASSWORD.\n');
  }
  const address = await server.app.listen({ host: config.host, port: config.port });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  process.stdout.write(`Dangan sync server listening on ${address} (database: ${where})\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
