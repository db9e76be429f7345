import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * A read-only scheme that serves stored PDFs and images (and print previews) to the app's
 * own frames, so Chromium's PDF viewer can show them. Addresses carry a validated hash or a
 * random preview id, never a path; only previewable types are served, with a fixed
 * content type and no sniffing, so a stored HTML file can never run as a page.
 */
export const PREVIEW_SCHEME = 'dangan-file';
export const PREVIEW_SCHEME_PRIVILEGES = { standard: true, secure: true, stream: true } as const;

export const attachmentPreviewUrl = (sha256: string) => `${PREVIEW_SCHEME}://attachment/${sha256}`;
export const printPreviewUrl = (previewId: string) => `${PREVIEW_SCHEME}://print/${previewId}`;

export interface PreviewTarget {
  file: string;
  mime: 'application/pdf' | `image/${string}`;
}

export interface PreviewSources {
  attachment(sha256: string): Promise<PreviewTarget | null>;
  print(previewId: string): Promise<PreviewTarget | null>;
}

export async function resolvePreview(rawUrl: string, sources: PreviewSources): Promise<PreviewTarget | null> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${PREVIEW_SCHEME}:` || url.search !== '' || url.username !== '') return null;
  const key = url.pathname.replace(/^\//, '');
  if (url.hostname === 'attachment' && /^[0-9a-f]{64}$/.test(key)) return sources.attachment(key);
  if (url.hostname === 'print' && /^[0-9a-f]{32}$/.test(key)) return sources.print(key);
  return null;
}

/** The protocol handler's answer (a web `Response`, as Electron's `protocol.handle` wants). */
export async function previewResponse(rawUrl: string, sources: PreviewSources): Promise<Response> {
  const target = await resolvePreview(rawUrl, sources).catch(() => null);
  const info = target ? await stat(target.file).catch(() => null) : null;
  if (!target || !info?.isFile()) return new Response('Not found', { status: 404 });
  const headers: Record<string, string> = {
    'content-type': target.mime,
    'content-length': String(info.size),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
  // An image shown as a document needs no powers; a PDF needs its viewer, which a CSP sandbox blocks.
  if (target.mime.startsWith('image/')) headers['content-security-policy'] = "default-src 'none'; img-src 'self'; sandbox";
  const body = Readable.toWeb(createReadStream(target.file)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}
