import type { FileCategory } from '../../shared/ipc/attachments';
import { extensionOf, type DetectedType } from './detect';

/** Categories the OS may open with its default program. */
const OPENABLE: ReadonlySet<FileCategory> = new Set(['image', 'pdf', 'document', 'text', 'media']);

/** Formats inside an openable category that still must not be handed to the OS. */
const NEVER_OPEN_FORMATS: ReadonlySet<string> = new Set(['svg', 'html', 'ole', 'jar']);

/**
 * Extensions that make an OS run code, on Windows, macOS or Linux. A file is refused when
 * its name carries one of these even if its bytes look harmless: the user sees the name
 * and the OS might still treat a copy by it.
 */
export const DANGEROUS_EXTENSIONS: ReadonlySet<string> = new Set([
  // Windows programs, installers, libraries, shortcuts
  'exe', 'com', 'scr', 'pif', 'cpl', 'msi', 'msp', 'mst', 'msix', 'msixbundle', 'appx', 'appxbundle',
  'dll', 'sys', 'drv', 'ocx', 'lnk', 'url', 'scf', 'inf', 'reg', 'msc', 'gadget', 'application',
  'appref-ms', 'settingcontent-ms', 'library-ms', 'searchconnector-ms', 'chm', 'hlp', 'cab',
  'diagcab', 'theme', 'themepack', 'xll', 'xla', 'xlam', 'ppam', 'mde', 'ade', 'adp', 'accde',
  // scripts
  'bat', 'cmd', 'ps1', 'psm1', 'psd1', 'ps1xml', 'psc1', 'vb', 'vbs', 'vbe', 'js', 'jse', 'mjs',
  'cjs', 'wsf', 'wsh', 'wsc', 'ws', 'hta', 'sct', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'fish',
  'command', 'tool', 'py', 'pyw', 'pyc', 'pl', 'rb', 'php', 'lua', 'tcl', 'scpt', 'applescript',
  'workflow', 'action', 'terminal', 'desktop', 'jar', 'jnlp', 'class',
  // macro-enabled Office documents
  'docm', 'dotm', 'xlsm', 'xltm', 'xlsb', 'pptm', 'potm', 'ppsm', 'sldm',
  // markup a browser would run scripts in
  'html', 'htm', 'xhtml', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'xslt',
  // packages and images that mount or install
  'app', 'pkg', 'mpkg', 'dmg', 'iso', 'img', 'vhd', 'vhdx', 'deb', 'rpm', 'appimage', 'run',
  'bin', 'elf', 'so', 'dylib', 'apk', 'ipa', 'xpi', 'crx', 'ko',
]);

export type OpenVerdict = { ok: true } | { ok: false; reason: 'dangerous-type' | 'dangerous-name' | 'unknown-type' };

/**
 * Whether a stored file may be opened with the OS's default program: the detected type
 * must be on the allow-list AND the name must not carry a dangerous extension.
 */
export function openVerdict(detected: DetectedType, name: string): OpenVerdict {
  if (detected.category === 'executable' || detected.category === 'script') {
    return { ok: false, reason: 'dangerous-type' };
  }
  if (DANGEROUS_EXTENSIONS.has(extensionOf(name))) return { ok: false, reason: 'dangerous-name' };
  if (!OPENABLE.has(detected.category) || NEVER_OPEN_FORMATS.has(detected.format)) {
    return { ok: false, reason: 'unknown-type' };
  }
  return { ok: true };
}

/** Images and PDFs are shown inside the app; SVG is excluded because it can carry script. */
export function isPreviewable(detected: DetectedType): boolean {
  return (detected.category === 'image' && detected.format !== 'svg') || detected.category === 'pdf';
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name safe to create in a folder of ours: no separators, no `..`, no control or
 * bidirectional-override characters (which disguise `gpj.exe` as `exe.jpg`), no names
 * Windows reserves, at most 120 characters. Never empty.
 */
export function safeFileName(name: string, fallback = 'file'): string {
  let clean = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/gu, '');
  if (clean === '' || WINDOWS_RESERVED.test(clean)) clean = fallback;
  if (clean.length > 120) {
    const ext = extensionOf(clean);
    clean = ext && ext.length < 16 ? `${clean.slice(0, 119 - ext.length)}.${ext}` : clean.slice(0, 120);
  }
  return clean;
}

/** The name a copy gets when opened by the OS: the user's base name, the detected type's extension. */
export function openCopyName(name: string, detected: DetectedType): string {
  const base = safeFileName(name);
  const ext = extensionOf(base);
  const stem = ext ? base.slice(0, base.length - ext.length - 1) : base;
  return `${stem || 'file'}.${detected.ext}`;
}
