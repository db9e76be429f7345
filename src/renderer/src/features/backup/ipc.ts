import type { IpcError, IpcResult } from '../../../../shared/ipc';

/** A failed IPC call as an exception that keeps the code and i18n key for the UI. */
export class IpcCallError extends Error {
  readonly code: IpcError['code'];
  readonly messageKey: string | undefined;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcCallError';
    this.code = error.code;
    this.messageKey = error.messageKey;
  }
}

export function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new IpcCallError(result.error);
  return result.value;
}
