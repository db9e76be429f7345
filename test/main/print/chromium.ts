import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { PageOptions, PdfRenderer } from '../../../src/main/print/engine';

const run = promisify(execFile);

/** Debian's Chromium with the project's standard flags; playwright gives it a fresh profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Chromium's print pipeline as the app uses it (Electron's printToPDF runs the same code):
 * the filled page loaded from its file with JavaScript disabled, A4 from the page's CSS.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  constructor(private readonly browser: Browser) {}

  async htmlToPdf(htmlFile: string, options: PageOptions): Promise<Uint8Array> {
    const context = await this.browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        landscape: options.landscape,
        preferCSSPageSize: true,
        printBackground: true,
      });
    } finally {
      await context.close();
    }
  }
}

export async function pdfText(file: string): Promise<string> {
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

export async function pdfInfo(file: string): Promise<{ pages: number; width: number; height: number }> {
  const { stdout } = await run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  unicode: boolean;
}

export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // name, type (may contain spaces), encoding, emb, sub, uni, object id, generation
      const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      return {
        name: match?.[1] ?? line,
        type: match?.[2] ?? '',
        embedded: match?.[4] === 'yes',
        unicode: match?.[6] === 'yes',
      };
    });
}

const CJK_FONT = /CJK|SourceHan|YaHei|PingFang|WenQuanYi|NotoSans(SC|HansSC)|NotoSerifSC|SimSun|Songti|STSong|Hiragino/i;

/**
 * The CJK fonts embedded in a PDF. pdffonts names fonts by BaseFont; Skia embeds OpenType
 * CFF faces (Debian's Noto CJK) as Type 3 fonts, which have no BaseFont, so for those the
 * name comes from the font descriptor each one points to.
 */
export async function embeddedCjkFonts(file: string, bytes: Uint8Array): Promise<string[]> {
  const fonts = await pdfFonts(file);
  const named = fonts.filter((f) => f.embedded && CJK_FONT.test(f.name)).map((f) => f.name);
  const hasType3 = fonts.some((f) => f.embedded && f.type === 'Type 3');
  const described = hasType3
    ? [...Buffer.from(bytes).toString('latin1').matchAll(/\/FontName\s*\/([A-Z]{6}\+[^\s/>]+)/g)]
        .map((m) => m[1] ?? '')
        .filter((name) => CJK_FONT.test(name))
    : [];
  return [...new Set([...named, ...described])];
}
