import type { ArgsOf, ChannelName, DanganApi, IpcResult, ResultOf } from '../../../shared/ipc';

declare global {
  interface Window {
    /** Exposed by the preload (or by the e2e test bridge); the renderer's only way to main. */
    readonly dangan?: DanganApi;
  }
}

/** Returns the bridge; in a plain browser tab (no preload) calls fail as values. */
export function bridge(): DanganApi {
  const api = window.dangan;
  if (api) return api;
  return {
    invoke: () =>
      Promise.resolve({
        ok: false,
        error: { code: 'unavailable', message: 'window.dangan is missing (not running in the app)' },
      }),
    on: () => () => undefined,
  } satisfies DanganApi;
}

export function invoke<K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<IpcResult<ResultOf<K>>> {
  return bridge().invoke(channel, args);
}
