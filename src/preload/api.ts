import {
  fail,
  isChannelName,
  isEventName,
  type ChannelName,
  type DanganApi,
  type EventName,
  type IpcResult,
} from '../shared/ipc';

/** How the API reaches main: Electron's ipcRenderer in the app, a Playwright binding in tests. */
export interface BridgeTransport {
  invoke(channel: ChannelName, args: unknown): Promise<unknown>;
  subscribe(listener: (message: { name: string; payload: unknown }) => void): () => void;
}

/**
 * Builds `window.dangan`: `invoke` for contract channels and `on` for contract events,
 * nothing else. Unknown names are refused here too, before anything reaches main.
 */
export function createDanganApi(transport: BridgeTransport): DanganApi {
  const invoke = (async (channel: unknown, args: unknown): Promise<IpcResult<unknown>> => {
    if (!isChannelName(channel)) {
      return fail('unknown-channel', `"${String(channel).slice(0, 80)}" is not an IPC channel`);
    }
    return (await transport.invoke(channel, args)) as IpcResult<unknown>;
  }) as DanganApi['invoke'];

  const on = ((name: unknown, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(name) || typeof listener !== 'function') return () => undefined;
    return transport.subscribe((message) => {
      if (message.name === (name as EventName)) listener(message.payload);
    });
  }) as DanganApi['on'];

  return Object.freeze({ invoke, on });
}
