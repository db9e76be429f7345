import type { IpcMain, WebContents } from 'electron';
import { CHANNEL_NAMES, fail, type EventName, type PayloadOf } from '../../shared/ipc';
import { checkEvent, dispatch, type HandlerTable } from './dispatch';

/** The channel events travel on; preload listens on this one name only. */
export const EVENT_CHANNEL = 'dangan:event';

export function sendEvent<E extends EventName>(contents: WebContents, name: E, payload: PayloadOf<E>): void {
  if (contents.isDestroyed()) return;
  contents.send(EVENT_CHANNEL, { name, payload: checkEvent(name, payload) });
}

/**
 * Registers one ipcMain handler per contract channel. A call from a frame that is not the
 * app's own page (a subframe, a page that navigated elsewhere) is refused before dispatch.
 */
export function registerIpc(
  ipcMain: IpcMain,
  table: HandlerTable,
  isTrustedSender: (url: string) => boolean,
): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, async (event, args: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url)) {
        return fail('forbidden-sender', `"${name}" called from an untrusted frame`);
      }
      return dispatch(table, name, args, {
        senderId: event.sender.id,
        emit: (eventName, payload) => sendEvent(event.sender, eventName, payload),
      });
    });
  }
}
