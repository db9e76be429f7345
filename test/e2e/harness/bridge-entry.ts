/**
 * The test stand-in for the preload: the same createDanganApi, with Electron's IPC replaced
 * by Playwright bindings to the real main-process handler table.
 */
import { createDanganApi } from '../../../src/preload/api';

type Listener = (message: { name: string; payload: unknown }) => void;
interface TestGlobals {
  __danganInvoke(channel: string, args: unknown): Promise<unknown>;
  __danganEmit?: (message: { name: string; payload: unknown }) => void;
  dangan?: unknown;
}

const globals = globalThis as unknown as TestGlobals;
const listeners = new Set<Listener>();
globals.__danganEmit = (message) => listeners.forEach((l) => l(message));

Object.defineProperty(globalThis, 'dangan', {
  value: createDanganApi({
    invoke: (channel, args) => globals.__danganInvoke(channel, args),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  }),
  writable: false,
  configurable: false,
});
