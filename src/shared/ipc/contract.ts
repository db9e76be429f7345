/**
 * The IPC contract: every channel the renderer may call and every event main may send.
 * Each feature declares its own entries in a file beside this one; this file merges them.
 * Preload exposes exactly these names; main registers exactly one handler per channel.
 */
import type { z } from 'zod';
import { appChannels, appEvents } from './app';
import { attachmentsChannels, attachmentsEvents } from './attachments';
import { backupChannels, backupEvents } from './backup';
import { printChannels } from './print';
import { secureChannels } from './secure';
import { settingsChannels } from './settings';
import { transferChannels, transferEvents } from './transfer';
import type { ChannelDef, EventDef, IpcResult } from './define';

export const channels = {
  ...appChannels,
  ...attachmentsChannels,
  ...settingsChannels,
  ...printChannels,
  ...backupChannels,
  ...secureChannels,
  ...transferChannels,
} as const;

export const events = {
  ...appEvents,
  ...attachmentsEvents,
  ...backupEvents,
  ...transferEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;

export type ArgsOf<K extends ChannelName> =
  Channels[K] extends ChannelDef<infer A, unknown> ? z.input<A> : never;
/** Arguments after validation in main (defaults applied). */
export type ParsedArgsOf<K extends ChannelName> =
  Channels[K] extends ChannelDef<infer A, unknown> ? z.output<A> : never;
export type ResultOf<K extends ChannelName> =
  Channels[K] extends ChannelDef<z.ZodType, infer R> ? R : never;
export type PayloadOf<E extends EventName> =
  (typeof events)[E] extends EventDef<infer P> ? z.output<P> : never;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** What the renderer sees as `window.dangan`. */
export interface DanganApi {
  invoke<K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<IpcResult<ResultOf<K>>>;
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}
