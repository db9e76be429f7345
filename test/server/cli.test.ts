import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDevicesCommand } from '../../src/server/cli/devices';
import { runUsersCommand } from '../../src/server/cli/users';
import { BACKENDS } from './helpers/backends';
import { runCli } from './helpers/child';
import { addUser, auth, login, startTestServer, type TestServer } from './helpers/harness';

describe.each(BACKENDS)('users and devices commands on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.close());

  const users = (...argv: string[]) => runUsersCommand(t.server.db, t.config, argv);

  it('adds a user with a generated password shown once, and lists it', async () => {
    const out = await users(
      'add',
      'Alice',
      '--role',
      'rep',
      '--team',
      'north',
      '--display-name',
      '王小丽',
    );
    expect(out).toMatch(/^added alice \(rep, team north\)/);
    const password = /password \(shown once\): (\S+)/.exec(out)?.[1] as string;
    const session = await login(t, 'alice', password);
    const me = await t.server.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: auth(session),
    });
    expect(me.json().user).toMatchObject({
      username: 'alice',
      displayName: '王小丽',
      role: 'rep',
      teamId: 'north',
    });
    expect(await users('list')).toMatch(/alice\s+rep\s+north\s+active/);
  });

  it('changes role and team, disables, enables and resets passwords', async () => {
    await addUser(t, 'bob', 'rep', 'north');
    expect(await users('set', 'bob', '--role', 'manager', '--no-team')).toMatch(
      /bob: manager, team -/,
    );
    expect(await users('disable', 'bob')).toMatch(/disabled/);
    expect(await users('list')).toMatch(/bob\s+manager\s+-\s+disabled/);
    expect(await users('enable', 'bob')).toMatch(/enabled/);
    const out = await users('reset-password', 'bob');
    const password = /password \(shown once\): (\S+)/.exec(out)?.[1] as string;
    expect((await login(t, 'bob', password)).token).toMatch(/^dgn_/);
  });

  it('refuses bad input with a message that says what to do', async () => {
    await expect(users('add', 'carol', '--role', 'boss')).rejects.toThrow(/unknown role "boss"/);
    await expect(users('add', 'carol')).rejects.toThrow(/needs --role/);
    await expect(users('add', 'bad name!', '--role', 'rep')).rejects.toThrow(/invalid user name/);
    await expect(users('add', 'alice', '--role', 'rep')).rejects.toThrow(/already exists/);
    await expect(users('set', 'nobody', '--role', 'rep')).rejects.toThrow(/no user named nobody/);
    await expect(users('add', 'carol', '--role', 'rep', '--wat')).rejects.toThrow(
      /unknown option --wat/,
    );
    await expect(users('frobnicate')).rejects.toThrow(/unknown users command/);
  });

  it('lists devices and revokes one', async () => {
    const session = await addUser(t, 'dora', 'rep');
    expect(await runDevicesCommand(t.server.db, ['list'])).toContain(session.deviceId);
    expect(await runDevicesCommand(t.server.db, ['revoke', session.deviceId])).toMatch(/revoked/);
    const me = await t.server.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: auth(session),
    });
    expect(me.statusCode).toBe(401);
    expect(await runDevicesCommand(t.server.db, ['list'])).toMatch(
      new RegExp(`${session.deviceId}.*revoked`),
    );
    await expect(runDevicesCommand(t.server.db, ['revoke', 'nope'])).rejects.toThrow(
      /no device nope/,
    );
  });
});

describe('the server command line, as npm run server runs it', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-cli-'));
  const env = {
    DANGAN_DATA_DIR: dataDir,
    DANGAN_SCRYPT_COST: '10',
    DANGAN_ADMIN_PASSWORD: 'cli test admin password',
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds a user with a password from standard input and fails clearly on a bad command', async () => {
    const added = await runCli(
      ['users', 'add', 'eve', '--role', 'clerk', '--password-stdin'],
      env,
      'a password from stdin\n',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/added eve \(clerk\)/);
    expect(added.stdout).not.toContain('a password from stdin');
    const bad = await runCli(['users', 'add', 'frank', '--role', 'wizard'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown role "wizard"/);
    const help = await runCli(['help'], env);
    expect(help.stdout).toMatch(/users reset-password/);
  }, 120_000);

  it('names the variable of a bad setting', async () => {
    const result = await runCli(['users', 'list'], { ...env, DANGAN_PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DANGAN_PORT/);
  }, 60_000);
});
