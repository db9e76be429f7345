import type { FileCategory } from '../../shared/ipc/attachments';

/** How many leading bytes detection looks at. */
export const SNIFF_BYTES = 4096;

export interface DetectedType {
  /** A short name for the format, e.g. `png`, `pdf`, `docx`, `pe`. */
  format: string;
  mime: string;
  category: FileCategory;
  /** The extension a copy gets when the OS opens it; chosen from the bytes, not the name. */
  ext: string;
}

const type = (format: string, mime: string, category: FileCategory, ext = format): DetectedType => ({
  format,
  mime,
  category,
  ext,
});

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((value, i) => bytes[at + i] === value);

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** ISO base media brands (the `ftyp` box) that are still images rather than video. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1']);

/** Byte signatures checked first, most specific first. */
const SIGNATURES: { bytes: readonly number[]; at?: number; type: DetectedType }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: type('pdf', 'application/pdf', 'pdf') },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: type('png', 'image/png', 'image') },
  { bytes: [0xff, 0xd8, 0xff], type: type('jpeg', 'image/jpeg', 'image', 'jpg') },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], type: type('gif', 'image/gif', 'image') },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], type: type('gif', 'image/gif', 'image') },
  { bytes: [0x49, 0x49, 0x2a, 0x00], type: type('tiff', 'image/tiff', 'image', 'tif') },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], type: type('tiff', 'image/tiff', 'image', 'tif') },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], type: type('rtf', 'application/rtf', 'document') },
  // Executables: Windows PE, ELF, Mach-O (32/64, both byte orders), fat binaries and
  // Java classes (same magic), WebAssembly, Windows shortcuts.
  { bytes: [0x4d, 0x5a], type: type('pe', 'application/vnd.microsoft.portable-executable', 'executable', 'exe') },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], type: type('elf', 'application/x-elf', 'executable', 'bin') },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], type: type('macho', 'application/x-mach-binary', 'executable', 'bin') },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], type: type('macho', 'application/x-mach-binary', 'executable', 'bin') },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], type: type('macho', 'application/x-mach-binary', 'executable', 'bin') },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], type: type('macho', 'application/x-mach-binary', 'executable', 'bin') },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], type: type('macho', 'application/x-mach-binary', 'executable', 'bin') },
  { bytes: [0x00, 0x61, 0x73, 0x6d], type: type('wasm', 'application/wasm', 'executable') },
  { bytes: [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00], type: type('lnk', 'application/x-ms-shortcut', 'executable') },
  { bytes: [0x23, 0x21], type: type('script', 'text/x-script', 'script', 'txt') },
  { bytes: [0x1f, 0x8b], type: type('gzip', 'application/gzip', 'archive', 'gz') },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], type: type('7z', 'application/x-7z-compressed', 'archive') },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], type: type('rar', 'application/vnd.rar', 'archive') },
  { bytes: [0x49, 0x44, 0x33], type: type('mp3', 'audio/mpeg', 'media') },
  { bytes: [0x4f, 0x67, 0x67, 0x53], type: type('ogg', 'audio/ogg', 'media') },
];

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
const ZIP = [0x50, 0x4b, 0x03, 0x04] as const;

const OOXML: Record<string, DetectedType> = {
  docx: type('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'),
  xlsx: type('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'document'),
  pptx: type('pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'document'),
};
const OLE_OFFICE: Record<string, DetectedType> = {
  doc: type('doc', 'application/msword', 'document'),
  xls: type('xls', 'application/vnd.ms-excel', 'document'),
  ppt: type('ppt', 'application/vnd.ms-powerpoint', 'document'),
};
const ODF: Record<string, DetectedType> = {
  'application/vnd.oasis.opendocument.text': type('odt', 'application/vnd.oasis.opendocument.text', 'document'),
  'application/vnd.oasis.opendocument.spreadsheet': type(
    'ods',
    'application/vnd.oasis.opendocument.spreadsheet',
    'document',
  ),
  'application/vnd.oasis.opendocument.presentation': type(
    'odp',
    'application/vnd.oasis.opendocument.presentation',
    'document',
  ),
};

export const UNKNOWN_TYPE = type('unknown', 'application/octet-stream', 'unknown', 'bin');

/**
 * Decides what a file is from its first bytes. The name is consulted only to tell apart
 * formats that share a container (an OOXML zip: docx or xlsx?), never to upgrade a file
 * into a safer category.
 */
export function detectType(head: Uint8Array, name = ''): DetectedType {
  for (const signature of SIGNATURES) {
    if (startsWith(head, signature.bytes, signature.at)) return signature.type;
  }
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && head.length >= 12) {
    const form = ascii(head, 8, 12);
    if (form === 'WEBP') return type('webp', 'image/webp', 'image');
    if (form === 'WAVE') return type('wav', 'audio/wav', 'media');
    if (form === 'AVI ') return type('avi', 'video/x-msvideo', 'media');
  }
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (brand === 'avif' || brand === 'avis') return type('avif', 'image/avif', 'image');
    if (HEIF_BRANDS.has(brand)) return type('heic', 'image/heic', 'image');
    return type('mp4', 'video/mp4', 'media');
  }
  if (startsWith(head, [0x42, 0x4d]) && head.length >= 10 && head[6] === 0 && head[7] === 0 && head[8] === 0 && head[9] === 0) {
    return type('bmp', 'image/bmp', 'image');
  }
  if (startsWith(head, ZIP)) return detectZip(head, name);
  if (startsWith(head, OLE2)) {
    // Compound files hold old Office documents but also Windows installers (.msi).
    const ext = extensionOf(name);
    return OLE_OFFICE[ext] ?? type('ole', 'application/x-ole-storage', 'unknown', 'bin');
  }
  return detectText(head);
}

function detectZip(head: Uint8Array, name: string): DetectedType {
  const latin = ascii(head, 0, head.length);
  const odf = /^PK\x03\x04[\s\S]{26}mimetype(application\/vnd\.oasis\.opendocument\.[a-z]+)/.exec(latin);
  if (odf?.[1]) return ODF[odf[1]] ?? type('zip', 'application/zip', 'archive');
  if (latin.includes('META-INF/MANIFEST.MF') || latin.includes('AndroidManifest.xml')) {
    return type('jar', 'application/java-archive', 'executable');
  }
  if (latin.includes('[Content_Types].xml') || latin.includes('_rels/.rels')) {
    if (latin.includes('word/')) return OOXML['docx'] ?? UNKNOWN_TYPE;
    if (latin.includes('xl/')) return OOXML['xlsx'] ?? UNKNOWN_TYPE;
    if (latin.includes('ppt/')) return OOXML['pptx'] ?? UNKNOWN_TYPE;
    const byName = OOXML[extensionOf(name)];
    if (byName) return byName;
  }
  return type('zip', 'application/zip', 'archive');
}

/** Text when the sample is valid UTF-8 (or UTF-16 with a BOM) without control bytes. */
function detectText(head: Uint8Array): DetectedType {
  if (head.length === 0) return type('empty', 'application/octet-stream', 'unknown', 'bin');
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return plainText();
  const sample = stripIncompleteUtf8(head.length >= SNIFF_BYTES ? head.subarray(0, SNIFF_BYTES) : head);
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    return UNKNOWN_TYPE;
  }
  if (/[\x00-\x08\x0e-\x1a\x1c-\x1f]/.test(decoded)) return UNKNOWN_TYPE;
  const start = decoded.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  // Markup a browser would run scripts in: shown as text, never opened by the OS.
  if (/^<!doctype html|^<html|^<head|^<body|^<script|^<\?xml[\s\S]*<svg|^<svg/.test(start)) {
    return start.includes('<svg') && !start.includes('<html')
      ? type('svg', 'image/svg+xml', 'script', 'svg')
      : type('html', 'text/html', 'script', 'html');
  }
  return plainText();
}

const plainText = () => type('text', 'text/plain', 'text', 'txt');

/** A sample cut mid-character would fail strict decoding; drop the trailing partial sequence. */
function stripIncompleteUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back];
    if (byte === undefined) break;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needed > back) end -= back;
    break;
  }
  return bytes.subarray(0, end);
}

/**
 * The last extension of a name as Windows would see it: lowercased, with the trailing dots
 * and spaces Windows ignores removed (`evil.exe.` is an .exe there).
 */
export function extensionOf(name: string): string {
  const trimmed = name.replace(/[.\s]+$/u, '');
  const base = trimmed.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}
