import { describe, expect, it } from 'vitest';
import { detectType, extensionOf } from '../../../src/main/attachments/detect';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('type detection from bytes', () => {
  it.each([
    ['pdf', bytes('%PDF-1.7\n'), 'pdf'],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image'],
    ['gif', bytes('GIF89a'), 'image'],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image'],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic'), 'image'],
    ['mp4', bytes([0, 0, 0, 0x18], 'ftypisom'), 'media'],
    ['pe', bytes('MZ', [0x90, 0]), 'executable'],
    ['elf', bytes([0x7f], 'ELF'), 'executable'],
    ['macho', bytes([0xcf, 0xfa, 0xed, 0xfe]), 'executable'],
    ['script', bytes('#!/usr/bin/env python\n'), 'script'],
    ['html', bytes('  <!DOCTYPE html><html>'), 'script'],
    ['svg', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'), 'script'],
    ['docx', bytes('PK', [3, 4], Buffer.alloc(26).toString('latin1'), '[Content_Types].xml', 'word/document.xml'), 'document'],
    ['jar', bytes('PK', [3, 4], Buffer.alloc(26).toString('latin1'), 'META-INF/MANIFEST.MF'), 'executable'],
    ['zip', bytes('PK', [3, 4], Buffer.alloc(26).toString('latin1'), 'photos/a.jpg'), 'archive'],
    ['text', Buffer.from('客户回访记录：一切正常。\n', 'utf8'), 'text'],
    ['unknown', bytes([0, 1, 2, 3, 0xfe, 0xff, 0x80]), 'unknown'],
  ])('%s', (format, head, category) => {
    expect(detectType(head)).toMatchObject({ format, category });
  });

  it('uses the name only to tell apart Office formats in the same container', () => {
    const ole = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(detectType(ole, 'report.xls').format).toBe('xls');
    expect(detectType(ole, 'setup.msi').category).toBe('unknown');
    expect(detectType(bytes('%PDF-'), 'x.exe').format).toBe('pdf');
  });

  it('reads extensions the way Windows does', () => {
    expect(extensionOf('a.PDF')).toBe('pdf');
    expect(extensionOf('evil.exe. . ')).toBe('exe');
    expect(extensionOf('dir.d/file')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });
});
