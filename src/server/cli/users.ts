import { readFileSync } from 'node:fs';
import { ROLES } from '../../shared/users';
import { generatePassword } from '../auth/passwords';
import {
  createUser,
  isRole,
  listUsers,
  setDisabled,
  setPassword,
  updateUser,
  type UserChanges,
} from '../auth/users';
import type { ServerConfig } from '../config';
import type { Database } from '../db/types';
import { checkOptions, optionString, parseArgs, UsageError } from './args';

export const USERS_USAGE = `users add <name> --role <${ROLES.join('|')}> [--team <id>] [--display-name <text>] [--password-stdin]
  users list
  users set <name> [--role <role>] [--team <id>|--no-team] [--display-name <text>]
  users reset-password <name> [--password-stdin]
  users disable <name>
  users enable <name>

  Without --password-stdin a password is generated and printed once. A new password, a
  disabled user or a revoked device signs the user out everywhere at once.`;

/** The first line of standard input: passwords never go on the command line (ps, history). */
function passwordFrom(options: { stdin: boolean }): { password: string; generated: boolean } {
  if (!options.stdin) return { password: generatePassword(), generated: true };
  const line = readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
  return { password: line, generated: false };
}

function roleOption(value: string | undefined): UserChanges['role'] {
  if (value === undefined) return undefined;
  if (!isRole(value)) throw new UsageError(`unknown role "${value}": one of ${ROLES.join(', ')}`);
  return value;
}

function nameArg(positionals: readonly string[], command: string): string {
  const name = positionals[0];
  if (!name) throw new UsageError(`users ${command} needs a user name`);
  return name;
}

export async function runUsersCommand(
  db: Database,
  config: ServerConfig,
  argv: readonly string[],
): Promise<string> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest, ['role', 'team', 'display-name']);
  switch (command) {
    case 'add': {
      checkOptions(args, ['role', 'team', 'display-name', 'password-stdin']);
      const role = roleOption(optionString(args, 'role'));
      if (!role) throw new UsageError('users add needs --role');
      const { password, generated } = passwordFrom({ stdin: args.options.has('password-stdin') });
      const user = await createUser(
        db,
        {
          username: nameArg(args.positionals, 'add'),
          role,
          teamId: optionString(args, 'team'),
          displayName: optionString(args, 'display-name'),
          password,
        },
        config.scryptCost,
      );
      const shown = generated ? `\npassword (shown once): ${password}` : '';
      return `added ${user.username} (${user.role}${user.teamId ? `, team ${user.teamId}` : ''}), id ${user.id}${shown}`;
    }
    case 'list': {
      checkOptions(args, []);
      const users = await listUsers(db);
      const lines = users.map((u) =>
        [
          u.username.padEnd(20),
          u.role.padEnd(8),
          (u.teamId || '-').padEnd(12),
          (u.disabled ? 'disabled' : 'active').padEnd(8),
          u.id,
        ].join(' '),
      );
      return ['user                 role     team         state    id', ...lines].join('\n');
    }
    case 'set': {
      checkOptions(args, ['role', 'team', 'no-team', 'display-name']);
      const changes: UserChanges = {
        role: roleOption(optionString(args, 'role')),
        teamId: args.options.has('no-team') ? '' : optionString(args, 'team'),
        displayName: optionString(args, 'display-name'),
      };
      const user = await updateUser(db, nameArg(args.positionals, 'set'), changes);
      return `${user.username}: ${user.role}, team ${user.teamId || '-'}, "${user.displayName}"`;
    }
    case 'reset-password': {
      checkOptions(args, ['password-stdin']);
      const name = nameArg(args.positionals, 'reset-password');
      const { password, generated } = passwordFrom({ stdin: args.options.has('password-stdin') });
      await setPassword(db, name, password, config.scryptCost);
      return `password of ${name} reset; all their sessions ended${generated ? `\npassword (shown once): ${password}` : ''}`;
    }
    case 'disable':
    case 'enable': {
      checkOptions(args, []);
      const name = nameArg(args.positionals, command);
      await setDisabled(db, name, command === 'disable');
      return command === 'disable'
        ? `${name} disabled; all their sessions ended`
        : `${name} enabled`;
    }
    default:
      throw new UsageError(`unknown users command "${command ?? ''}"\n  ${USERS_USAGE}`);
  }
}
