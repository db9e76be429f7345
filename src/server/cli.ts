import { configFromEnv, ConfigError } from './config';
import { openDatabase } from './db/open';
import { UsageError } from './cli/args';
import { DEVICES_USAGE, runDevicesCommand } from './cli/devices';
import { serve } from './cli/serve';
import { runUsersCommand, USERS_USAGE } from './cli/users';
import { UserError } from './auth/users';

const USAGE = `Dangan sync server

  npm run server                      start (127.0.0.1:8787; see docs/server.md for settings)
  npm run server -- ${USERS_USAGE}
  npm run server -- ${DEVICES_USAGE}

With the embedded database (no DANGAN_DATABASE_URL) stop the server before using users/devices.`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = configFromEnv();
  if (command === undefined || command === 'start') {
    await serve(config);
    return -1;
  }
  if (command !== 'users' && command !== 'devices')
    throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  const opened = await openDatabase(config);
  try {
    const output =
      command === 'users'
        ? await runUsersCommand(opened.db, config, rest)
        : await runDevicesCommand(opened.db, rest);
    process.stdout.write(`${output}\n`);
    return 0;
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    const known =
      error instanceof UsageError || error instanceof UserError || error instanceof ConfigError;
    process.stderr.write(
      `${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`,
    );
    process.exit(known ? 2 : 1);
  },
);
