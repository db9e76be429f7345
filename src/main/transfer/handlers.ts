import type { EventName, PayloadOf } from '../../shared/ipc';
import type { HandlerTable } from '../ipc/dispatch';
import type { TransferQueue } from './queue';

type TransferChannels = Extract<keyof HandlerTable, `transfer:${string}`>;

export interface TransferServices {
  queue: TransferQueue;
  /**
   * Where progress events go. The queue works for the whole app, not for one call: its events
   * go to the window that last asked it for something (the app has one main window).
   */
  progressSink: { emit: (<E extends EventName>(event: E, payload: PayloadOf<E>) => void) | null };
}

export function transferHandlers({ queue, progressSink }: TransferServices): Pick<HandlerTable, TransferChannels> {
  return {
    'transfer:upload': async ({ items }, ctx) => {
      progressSink.emit = ctx.emit;
      return { queued: await queue.enqueueUploads(items) };
    },
    'transfer:download': async ({ items, priority }, ctx) => {
      progressSink.emit = ctx.emit;
      return queue.enqueueDownloads(items, priority);
    },
    'transfer:status': (_args, ctx) => {
      progressSink.emit = ctx.emit;
      return queue.summary();
    },
    'transfer:retry': ({ sha256 }, ctx) => {
      progressSink.emit = ctx.emit;
      return { retried: queue.retry(sha256) };
    },
  };
}
