import type { Locale } from '../../shared/ipc/app';
import { fontFamily, SANS_STACK, SERIF_STACK } from './fonts';
import { FURNITURE_WORDS } from './labels';
import type { FormMeta } from './registry';
import { escapeHtml } from './template-lang';

/**
 * The print window's policy: nothing may load from anywhere (images only as data: URLs),
 * no script even if JavaScript were on. Sent as a meta tag because the page is a file.
 */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/**
 * A CSS string literal for any text: everything but letters and digits becomes a six-digit
 * hex escape, so a company name like `"; } body { display:none` stays a name. Spaces are
 * escaped too: CSS swallows one whitespace after a hex escape.
 */
export function cssString(text: string): string {
  const escaped = [...text.replace(/[\r\n]+/g, ' ')]
    .map((c) => (/[\p{L}\p{N}]/u.test(c) ? c : `\\${c.codePointAt(0)?.toString(16).padStart(6, '0')}`))
    .join('');
  return `"${escaped}"`;
}

export interface Furniture {
  companyName: string;
  hotline: string;
  title: string;
  printedAt: string;
}

/**
 * Header and footer as CSS page-margin boxes (Chromium 131+): unlike printToPDF's header
 * templates they also print through the system print dialog, and they use the page's fonts.
 */
function pageCss(meta: FormMeta, furniture: Furniture | null, locale: Locale): string {
  const { top, right, bottom, left } = meta.margins;
  const rules = [`size: A4 ${meta.orientation};`, `margin: ${top}mm ${right}mm ${bottom}mm ${left}mm;`];
  if (furniture) {
    const words = FURNITURE_WORDS[locale];
    const [before = '', between = '', after = ''] = words.page.split(/\{n\}|\{total\}/);
    const box = (content: string, align: string) =>
      `{ content: ${content}; font-family: ${fontFamily(SANS_STACK)}; font-size: 8pt; color: #555; text-align: ${align}; }`;
    const hotline = furniture.hotline ? cssString(`${words.hotline}${furniture.hotline}`) : '""';
    rules.push(
      `@top-left ${box(cssString(furniture.companyName), 'left')}`,
      `@top-right ${box(cssString(furniture.title), 'right')}`,
      `@bottom-left ${box(hotline, 'left')}`,
      `@bottom-center ${box(`${cssString(before)} counter(page) ${cssString(between)} counter(pages) ${cssString(after)}`, 'center')}`,
      `@bottom-right ${box(cssString(`${words.printedAt}${furniture.printedAt}`), 'right')}`,
    );
  }
  return `@page {\n  ${rules.join('\n  ')}\n}`;
}

export function buildDocument(input: {
  id: string;
  meta: FormMeta;
  locale: Locale;
  title: string;
  body: string;
  baseCss: string;
  formCss: string;
  furniture: Furniture | null;
}): string {
  const fonts = `:root { --font-sans: ${fontFamily(SANS_STACK)}; --font-serif: ${fontFamily(SERIF_STACK)}; }`;
  const lang = input.locale === 'zh-CN' ? 'zh-CN' : 'en';
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">`,
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>\n${fonts}\n${pageCss(input.meta, input.furniture, input.locale)}\n${input.baseCss}\n${input.formCss}\n</style>`,
    '</head>',
    `<body class="form-${input.id}">`,
    input.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
