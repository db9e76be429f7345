import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { IpcFailure } from '../../shared/ipc/define';
import { API_PATHS } from '../../shared/sync/protocol';
import type { AttachmentStore } from '../attachments/store';

export interface ServerLink {
  serverUrl: string;
  token: string;
}

/** Why a transfer failed, named as `sync:transfer.errors.<code>`. */
export type TransferErrorCode =
  | 'network'
  | 'notOnServer'
  | 'notLocal'
  | 'damaged'
  | 'hashMismatch'
  | 'tooLarge'
  | 'unauthorized'
  | 'server';

export class TransferError extends Error {
  constructor(
    readonly code: TransferErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransferError';
  }
}

async function failureOf(response: Response): Promise<TransferError> {
  const body = (await response.json().catch(() => null)) as { error?: string; message?: string } | null;
  const message = body?.message ?? `HTTP ${response.status}`;
  if (response.status === 404) return new TransferError('notOnServer', message);
  if (response.status === 401 || response.status === 403) return new TransferError('unauthorized', message);
  if (response.status === 413) return new TransferError('tooLarge', message);
  if (body?.error === 'hashMismatch') return new TransferError('hashMismatch', message);
  return new TransferError('server', message);
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new TransferError('network', error instanceof Error ? error.message : String(error));
  }
}

/**
 * Sends stored bytes to the server, hashing them on the way: bytes that no longer match their
 * name were damaged on this disk and are not sent as if they were fine (the server checks too).
 */
export async function uploadBlob(
  store: AttachmentStore,
  link: ServerLink,
  sha256: string,
  onProgress: (bytes: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const file = await stat(store.blobPath(sha256)).catch(() => null);
  if (!file?.isFile()) throw new TransferError('notLocal', `no local bytes for ${sha256}`);
  const total = file.size;
  const hash = createHash('sha256');
  let sent = 0;
  const source = store.openReadStream(sha256);
  async function* body(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      sent += bytes.byteLength;
      onProgress(sent, total);
      yield bytes;
    }
    if (hash.digest('hex') !== sha256) throw new TransferError('damaged', `the stored copy of ${sha256} is damaged`);
  }
  const response = await request(`${link.serverUrl}${API_PATHS.blob(sha256)}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${link.token}`,
      'content-type': 'application/octet-stream',
      'content-length': String(total),
    },
    body: body() as unknown as RequestInit['body'],
    duplex: 'half',
    ...(signal ? { signal } : {}),
  } as RequestInit).catch((error: unknown) => {
    source.destroy();
    throw error;
  });
  if (!response.ok) throw await failureOf(response);
  await response.body?.cancel().catch(() => undefined);
}

/** Fetches bytes into the store; they are only kept when their hash is the one asked for. */
export async function downloadBlob(
  store: AttachmentStore,
  link: ServerLink,
  sha256: string,
  name: string,
  onProgress: (bytes: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await request(`${link.serverUrl}${API_PATHS.blob(sha256)}`, {
    headers: { authorization: `Bearer ${link.token}` },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || !response.body) throw await failureOf(response);
  const total = Number(response.headers.get('content-length') ?? 0) || 0;
  const writer = await store.createWriter();
  const hash = createHash('sha256');
  let received = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      await writer.write(chunk);
      received += chunk.byteLength;
      onProgress(received, total);
    }
  } catch (error) {
    await writer.abort();
    if (error instanceof TransferError) throw error;
    if (error instanceof IpcFailure && error.code === 'too-large') throw new TransferError('tooLarge', error.message);
    throw new TransferError('network', error instanceof Error ? error.message : String(error));
  }
  if (hash.digest('hex') !== sha256) {
    await writer.abort();
    throw new TransferError('hashMismatch', `the bytes received for ${sha256} have another hash`);
  }
  await writer.finish(name);
}
