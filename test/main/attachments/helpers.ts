import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ArgsOf, ChannelName, EventName, IpcResult, PayloadOf, ResultOf } from '../../../src/shared/ipc';
import { attachmentsHandlers, type AttachmentOs } from '../../../src/main/attachments/handlers';
import { AttachmentStore } from '../../../src/main/attachments/store';
import { dispatch, type HandlerContext } from '../../../src/main/ipc/dispatch';

export const MiB = 1024 * 1024;

export async function tempDir(prefix = 'dangan-att-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A handler context that records the events main would send to the window. */
export function recordingContext(senderId = 1): HandlerContext & { events: { name: EventName; payload: unknown }[] } {
  const events: { name: EventName; payload: unknown }[] = [];
  return {
    senderId,
    events,
    emit<E extends EventName>(name: E, payload: PayloadOf<E>) {
      events.push({ name, payload });
    },
  };
}

/** The OS side, as Electron's dialog and shell would behave, recording what was asked. */
export class RecordingOs implements AttachmentOs {
  picked: string[] = [];
  savePath: string | null = null;
  opened: string[] = [];
  defaultNames: string[] = [];
  async pickFiles(): Promise<string[]> {
    return this.picked;
  }
  async chooseSavePath(defaultName: string): Promise<string | null> {
    this.defaultNames.push(defaultName);
    return this.savePath;
  }
  async openPath(file: string): Promise<string> {
    this.opened.push(file);
    return '';
  }
}

export async function attachmentsFixture(maxBytes = 200 * MiB) {
  const { dir, cleanup } = await tempDir();
  let limit = maxBytes;
  const store = await AttachmentStore.open(path.join(dir, 'attachments'), () => limit);
  const os = new RecordingOs();
  const openDir = path.join(dir, 'tmp', 'open');
  const table = attachmentsHandlers({ store, os, openDir, graceMs: () => 30 * 24 * 3600 * 1000 });
  const ctx = recordingContext();
  const call = <K extends ChannelName>(channel: K, args: ArgsOf<K>, context: HandlerContext = ctx) =>
    typedDispatch(table, channel, args, context);
  return {
    dir,
    store,
    os,
    openDir,
    ctx,
    call,
    setLimit: (bytes: number) => (limit = bytes),
    cleanup,
  };
}

/** Calls through the real dispatcher (argument validation included), typed by the contract. */
export async function typedDispatch<K extends ChannelName>(
  table: Parameters<typeof dispatch>[0],
  channel: K,
  args: ArgsOf<K> | Record<string, unknown>,
  context: HandlerContext,
): Promise<IpcResult<ResultOf<K>>> {
  return (await dispatch(table, channel, args, context)) as IpcResult<ResultOf<K>>;
}

export function expectOk<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
