import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiFetch } from '../../../src/renderer/src/sync/api';

describe('apiFetch', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('hands fetch a JSON body as a Blob, which Chromium sends on without copying it on the calling thread', async () => {
    const fetch = vi.fn(async () => new Response('[]', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const rows = [{ assumedMasterState: null, newDocumentState: { id: 'c1', name: '张三' } }];
    await apiFetch({ serverUrl: 'http://server', token: 't' }, '/api/sync/customers/push', { method: 'POST', body: rows });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBeInstanceOf(Blob);
    expect(JSON.parse(await (init.body as Blob).text())).toEqual(rows);
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer t' });
  });

  it('sends no body when there is none', async () => {
    const fetch = vi.fn(async () => new Response('{"ok":true}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    expect(await apiFetch({ serverUrl: 'http://server', token: null }, '/api/health')).toEqual({ ok: true });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBeUndefined();
    expect(init.headers).not.toHaveProperty('content-type');
  });
});
