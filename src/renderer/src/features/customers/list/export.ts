import type { TFunction } from 'i18next';
import { yieldToUi } from '../../../db/batch';
import type { CustomerRow } from '../row';
import { COLUMNS } from './columns';

/** Saves a file the way a browser does; in Electron this opens the system "Save as" dialog. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: Chromium reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function stampForFile(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

/**
 * The current view (filters and sort as shown) as an .xlsx workbook. Headers are always
 * Chinese: the sheet is filed and printed with the company's Chinese records, whatever the
 * language of the screen it was made from. Rows are added in slices so the window keeps
 * painting; exceljs is loaded only when someone exports.
 */
export async function exportStatusList(
  rows: readonly CustomerRow[],
  ownerName: (id: string) => string,
  tZh: TFunction,
  onProgress: (done: number, total: number) => void,
): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Dangan 档案';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(tZh('title'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: tZh(c.titleKey), key: c.key, width: Math.max(8, Math.round(c.width / 7)) }));
  sheet.getRow(1).font = { bold: true };
  const ctx = { t: tZh, ownerName };
  const SLICE = 5000;
  for (let start = 0; start < rows.length; start += SLICE) {
    for (const row of rows.slice(start, start + SLICE)) {
      sheet.addRow(COLUMNS.map((c) => c.text(row, ctx)));
    }
    onProgress(Math.min(rows.length, start + SLICE), rows.length);
    await yieldToUi();
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
