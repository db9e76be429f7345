import { listDevices, setDeviceRevoked } from '../auth/tokens';
import type { Database } from '../db/types';
import { checkOptions, parseArgs, UsageError } from './args';

export const DEVICES_USAGE = `devices list
  devices revoke <device-id>    a lost laptop: its sessions end, it cannot sign in again
  devices restore <device-id>   allow a revoked device to sign in again`;

export async function runDevicesCommand(db: Database, argv: readonly string[]): Promise<string> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest, []);
  checkOptions(args, []);
  switch (command) {
    case 'list': {
      const devices = await listDevices(db);
      const lines = devices.map((d) =>
        [
          d.id.padEnd(40),
          (d.lastUser ?? '-').padEnd(16),
          d.lastSeenAt.toISOString().slice(0, 19).padEnd(20),
          (d.revoked ? 'revoked' : `${d.activeTokens} session(s)`).padEnd(14),
          d.name,
        ].join(' '),
      );
      return [
        `${'device'.padEnd(40)} ${'last user'.padEnd(16)} ${'last seen (UTC)'.padEnd(20)} ${'state'.padEnd(14)} name`,
        ...lines,
      ].join('\n');
    }
    case 'revoke':
    case 'restore': {
      const id = args.positionals[0];
      if (!id) throw new UsageError(`devices ${command} needs a device id (see devices list)`);
      const found = await setDeviceRevoked(db, id, command === 'revoke');
      if (!found) throw new UsageError(`no device ${id}`);
      return command === 'revoke'
        ? `device ${id} revoked; its sessions ended`
        : `device ${id} restored`;
    }
    default:
      throw new UsageError(`unknown devices command "${command ?? ''}"\n  ${DEVICES_USAGE}`);
  }
}
