import { contextBridge, ipcRenderer } from 'electron';
import { createDanganApi } from './api';

/** Must match main/ipc/register.ts; kept literal so the preload bundle stays tiny. */
const EVENT_CHANNEL = 'dangan:event';

contextBridge.exposeInMainWorld(
  'dangan',
  createDanganApi({
    invoke: (channel, args) => ipcRenderer.invoke(channel, args),
    subscribe: (listener) => {
      const handler = (_event: unknown, message: { name: string; payload: unknown }) => listener(message);
      ipcRenderer.on(EVENT_CHANNEL, handler);
      return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    },
  }),
);
