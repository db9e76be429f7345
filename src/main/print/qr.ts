import QRCode from 'qrcode';
import { TrustedHtml } from './template-lang';

/** What a printed form's QR code says: an address the app resolves back to the record. */
export function recordUri(kind: string, id: string): string {
  return `dangan://${kind}/${encodeURIComponent(id)}`;
}

/** A QR code as inline SVG. Generated here from the id alone, so it may go in unescaped. */
export async function qrSvg(text: string): Promise<TrustedHtml> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  return new TrustedHtml(svg);
}
