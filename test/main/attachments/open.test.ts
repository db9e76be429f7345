import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectType } from '../../../src/main/attachments/detect';
import { openVerdict, safeFileName } from '../../../src/main/attachments/safety';
import { attachmentsFixture, expectOk } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), randomBytes(100)]);
const PE = Buffer.concat([Buffer.from('MZ'), randomBytes(100)]);
const SCRIPT = Buffer.from('#!/bin/sh\nrm -rf ~\n');
const HTML = Buffer.from('<!DOCTYPE html><script>alert(1)</script>');
const JAR = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('META-INF/MANIFEST.MF')]);

describe('opening attachments with the operating system', () => {
  let fx: Awaited<ReturnType<typeof attachmentsFixture>>;
  beforeEach(async () => {
    fx = await attachmentsFixture();
  });
  afterEach(() => fx.cleanup());

  async function store(bytes: Buffer, name: string) {
    const { uploadId } = expectOk(await fx.call('attachments:uploadBegin', { name, size: bytes.length }));
    expectOk(await fx.call('attachments:uploadChunk', { uploadId, bytes }));
    return expectOk(await fx.call('attachments:uploadFinish', { uploadId })).sha256;
  }

  it('refuses executables and scripts whatever they are called', async () => {
    const cases: [Buffer, string][] = [
      [PE, 'quotation.pdf'],
      [ELF, 'photo.jpg'],
      [SCRIPT, 'readme.txt'],
      [HTML, 'page.txt'],
      [JAR, 'contract.docx'],
    ];
    for (const [bytes, name] of cases) {
      const result = await fx.call('attachments:open', { sha256: await store(bytes, name), name });
      expect(result.ok ? 'opened' : result.error.messageKey, name).toBe('attachments.errors.dangerous');
    }
    expect(fx.os.opened).toEqual([]);
  });

  it('refuses harmless bytes behind a dangerous name', async () => {
    const text = Buffer.from('echo hello\r\n');
    for (const name of ['run.bat', 'setup.exe', 'x.pdf.exe', 'evil.exe. ', 'macro.docm', 'page.html', 'a.ps1']) {
      const result = await fx.call('attachments:open', { sha256: await store(text, name), name });
      expect(result.ok ? 'opened' : result.error.messageKey, name).toBe('attachments.errors.dangerous');
    }
    expect(fx.os.opened).toEqual([]);
  });

  it('opens a safe file from a copy inside the app folder, named by its detected type', async () => {
    const sha256 = await store(PDF, '../../../../etc/合同.exe.pdf');
    expectOk(await fx.call('attachments:open', { sha256, name: '../../../../etc/合同.pdf' }));
    const [opened] = fx.os.opened;
    expect(opened && path.dirname(path.dirname(opened))).toBe(fx.openDir);
    expect(path.basename(opened ?? '')).toBe('.._.._.._.._etc_合同.pdf'.replace(/^\.+/, ''));
    expect(await readFile(opened ?? '')).toEqual(PDF);

    // A PDF saved under a .txt name still opens as what it is.
    const sameBytes = await store(PDF, 'scan.txt');
    expectOk(await fx.call('attachments:open', { sha256: sameBytes, name: 'scan.txt' }));
    expect(fx.os.opened[1]?.endsWith(`${path.sep}scan.pdf`)).toBe(true);
  });

  it('refuses unknown binary content, and only previews images and PDFs', async () => {
    const blob = Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x10]);
    const sha256 = await store(blob, 'data.dat');
    const open = await fx.call('attachments:open', { sha256, name: 'data.dat' });
    expect(open.ok ? null : open.error.messageKey).toBe('attachments.errors.cannotOpenType');
    const preview = await fx.call('attachments:previewUrl', { sha256 });
    expect(preview.ok ? null : preview.error.messageKey).toBe('attachments.errors.noPreview');
  });

  it('cleans names so that no path, control or direction character survives', () => {
    expect(safeFileName('..\\..\\Windows\\system32\\x.pdf')).toBe('_.._Windows_system32_x.pdf');
    expect(safeFileName('CON.txt')).toBe('file');
    expect(safeFileName('....')).toBe('file');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('a'.repeat(300) + '.pdf')).toHaveLength(120);
    expect(safeFileName('a'.repeat(300) + '.pdf').endsWith('.pdf')).toBe(true);
    expect(openVerdict(detectType(PDF), 'report.PDF')).toEqual({ ok: true });
  });
});
