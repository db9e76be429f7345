/**
 * Reading a customer list as a table of strings: CSV in UTF-8 (with or without BOM),
 * UTF-16 with BOM, or the GB18030/GBK that Excel on Chinese Windows saves; and .xlsx.
 * Pure: runs in the import worker and in Node tests alike.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'gb18030';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Excel's "CSV" on Chinese Windows writes the ANSI code page (GBK), which
    // GB18030 decodes as a superset.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The delimiter of the first line: comma, tab or semicolon, whichever occurs most. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![1] > 0 ? counts[0]![0] : ',';
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CR LF or LF line ends; blank lines dropped. */
export function parseCsv(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
    i += 1;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, long numbers without exponents. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${two(value.getUTCMonth() + 1)}-${two(value.getUTCDate())}`;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; hyperlink?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
  }
  return String(value);
}

/** The first worksheet of an .xlsx file. */
export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    rows.push(Array.from(cells, (c) => c ?? ''));
  });
  return rows;
}

export function isXlsx(fileName: string, bytes: Uint8Array): boolean {
  // .xlsx is a zip: "PK\x03\x04".
  return /\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);
}

export async function readTable(fileName: string, bytes: Uint8Array): Promise<{ rows: string[][]; encoding: string }> {
  if (isXlsx(fileName, bytes)) return { rows: await readXlsx(bytes), encoding: 'xlsx' };
  const { text, encoding } = decodeText(bytes);
  return { rows: parseCsv(text).map((r) => r.map((c) => c.trim())), encoding };
}
