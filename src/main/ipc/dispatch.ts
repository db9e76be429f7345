import {
  channels,
  events,
  fail,
  IpcFailure,
  isChannelName,
  isEventName,
  type ChannelName,
  type EventName,
  type IpcResult,
  type ParsedArgsOf,
  type PayloadOf,
  type ResultOf,
} from '../../shared/ipc';

/** What a handler knows about its caller. */
export interface HandlerContext {
  /** Sends an event to the window that made the call. */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void;
  /** An AbortSignal-like hint that the caller's window has gone. */
  readonly senderId: number;
}

export type Handler<K extends ChannelName> = (
  args: ParsedArgsOf<K>,
  ctx: HandlerContext,
) => Promise<ResultOf<K>> | ResultOf<K>;

/** One handler per channel: the compiler refuses a table with a channel missing. */
export type HandlerTable = { [K in ChannelName]: Handler<K> };

/**
 * The single entry point for every IPC call, used by Electron's ipcMain and by the test
 * bridge alike: unknown channels and invalid arguments are refused as values, a handler's
 * exception becomes `{ ok: false }` and never crosses the boundary as a rejection.
 */
export async function dispatch(
  table: Partial<HandlerTable>,
  channelName: unknown,
  rawArgs: unknown,
  ctx: HandlerContext,
): Promise<IpcResult<unknown>> {
  if (!isChannelName(channelName)) {
    return fail('unknown-channel', `"${String(channelName).slice(0, 80)}" is not an IPC channel`);
  }
  const handler = table[channelName] as Handler<ChannelName> | undefined;
  if (!handler) {
    return fail('unknown-channel', `no handler for "${channelName}"`);
  }
  const parsed = channels[channelName].args.safeParse(rawArgs);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(arguments)',
      message: issue.message,
    }));
    return fail(
      'invalid-argument',
      `invalid arguments for "${channelName}": ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues, messageKey: 'errors.invalidArgument' },
    );
  }
  try {
    const value = await handler(parsed.data as ParsedArgsOf<ChannelName>, ctx);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof IpcFailure) {
      return fail(error.code, error.message, error.messageKey ? { messageKey: error.messageKey } : {});
    }
    const message = error instanceof Error ? error.message : String(error);
    return fail('failed', message, { messageKey: 'errors.failed' });
  }
}

/** Checks an event payload against the contract before it leaves main. */
export function checkEvent<E extends EventName>(name: E, payload: unknown): PayloadOf<E> {
  if (!isEventName(name)) throw new Error(`"${String(name)}" is not an IPC event`);
  return events[name].payload.parse(payload) as PayloadOf<E>;
}
