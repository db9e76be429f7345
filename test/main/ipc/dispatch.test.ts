import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, IpcFailure } from '../../../src/shared/ipc';
import { dispatch, type HandlerContext, type HandlerTable } from '../../../src/main/ipc/dispatch';
import { createTestHandlerTable } from '../../e2e/harness/services';

const ctx: HandlerContext = { senderId: 1, emit: () => undefined };

describe('IPC dispatch', () => {
  it('refuses a wrong argument with a clear error naming the field', async () => {
    const table = await createTestHandlerTable('/tmp/dangan-dispatch');
    const result = await dispatch(table, 'app:setLocale', { locale: 'fr' }, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-argument');
    expect(result.error.issues?.[0]?.path).toBe('locale');
    expect(result.error.message).toMatch(/app:setLocale/);
  });

  it('refuses extra properties, missing arguments and non-objects', async () => {
    const table = await createTestHandlerTable('/tmp/dangan-dispatch');
    for (const args of [{ locale: 'en', extra: 1 }, undefined, 'en', null, []]) {
      const result = await dispatch(table, 'app:setLocale', args, ctx);
      expect(result, JSON.stringify(args)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
  });

  it('refuses a channel that is not in the contract, including prototype names', async () => {
    const table = await createTestHandlerTable('/tmp/dangan-dispatch');
    for (const name of ['fs:read', 'constructor', '__proto__', 'toString', 42, null]) {
      const result = await dispatch(table, name, {}, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('returns a handler failure as a value, keeping an IpcFailure code', async () => {
    const throwing = {
      'app:info': () => {
        throw new IpcFailure('not-found', 'gone', 'errors.failed');
      },
      'app:setLocale': () => {
        throw new Error('boom');
      },
    } satisfies Partial<HandlerTable>;
    await expect(dispatch(throwing, 'app:info', {}, ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'gone', messageKey: 'errors.failed' },
    });
    await expect(dispatch(throwing, 'app:setLocale', { locale: 'en' }, ctx)).resolves.toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'boom' },
    });
  });

  it('passes validated arguments to the handler and wraps its value', async () => {
    const table = await createTestHandlerTable('/tmp/dangan-dispatch');
    await expect(dispatch(table, 'app:setLocale', { locale: 'en' }, ctx)).resolves.toEqual({
      ok: true,
      value: { locale: 'en' },
    });
  });

  it('has exactly one handler for every channel of the contract', async () => {
    const table = await createTestHandlerTable('/tmp/dangan-dispatch');
    expect(Object.keys(table).sort()).toEqual([...CHANNEL_NAMES].sort());
  });
});
