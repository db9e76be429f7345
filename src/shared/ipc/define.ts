import type { z } from 'zod';

/** One request/response channel: an argument schema checked in main, and the result type. */
export interface ChannelDef<A extends z.ZodType, R> {
  readonly args: A;
  /** Type-only marker; never read at run time. */
  readonly result: R;
}

export function channel<A extends z.ZodType>(args: A) {
  return {
    returns: <R>(): ChannelDef<A, R> => ({ args, result: undefined as unknown as R }),
  };
}

/** One main → renderer event: the payload schema (checked before sending). */
export interface EventDef<P extends z.ZodType> {
  readonly payload: P;
}

export function event<P extends z.ZodType>(payload: P): EventDef<P> {
  return { payload };
}

export const IPC_ERROR_CODES = [
  'invalid-argument',
  'unknown-channel',
  'forbidden-sender',
  'not-found',
  'conflict',
  'too-large',
  'refused',
  'unavailable',
  'failed',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export interface IpcError {
  code: IpcErrorCode;
  /** English, for logs; the UI shows its own text for `code` and `messageKey`. */
  message: string;
  /** An i18n key the UI can show to the user instead of `message`. */
  messageKey?: string;
  /** Field-level problems for invalid arguments: path → reason. */
  issues?: { path: string; message: string }[];
}

/** Errors travel as values, never as rejected promises. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string, extra?: Partial<IpcError>): IpcResult<never> {
  return { ok: false, error: { code, message, ...extra } };
}

/** Thrown inside a handler to return a specific error code; dispatch turns it into a value. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly messageKey?: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }
}
