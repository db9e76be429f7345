import { customerFieldsFromForm, normalizeCreditCode, normalizeNameForCompare, phoneDigits, type CustomerFields } from '../../../../shared/customers';
import type { ColumnMapping } from './mapping';
import { rowToCustomer, type ImportContext, type RowError } from './rows';

/** A row ready to become a customer, with the keys the duplicate check compares. */
export interface ImportRow {
  row: number;
  fields: CustomerFields;
  phones: string[];
  creditCode: string;
  nameKey: string;
  /** The earlier row of this file that has the same phone, credit code or name. */
  sameAsRow?: number;
}

export interface ValidatedTable {
  rows: ImportRow[];
  errors: RowError[];
}

const SLICE = 2000;

/**
 * Every data row (the header excluded) through the shared form schema. Works in slices and
 * awaits `pause` between them, so a caller on a UI thread can keep painting; in the worker
 * the pause only lets progress messages out.
 */
export async function validateTable(
  table: readonly string[][],
  mapping: ColumnMapping,
  ctx: ImportContext,
  onProgress: (done: number, total: number) => void,
  pause: () => Promise<void>,
): Promise<ValidatedTable> {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const firstSeen = new Map<string, number>();
  const total = table.length - 1;
  for (let i = 1; i < table.length; i++) {
    const rowNumber = i + 1;
    const { values, errors: rowErrors } = rowToCustomer(table[i]!, rowNumber, mapping, ctx);
    errors.push(...rowErrors);
    if (values) {
      const fields = customerFieldsFromForm(values);
      const phones = fields.contacts.flatMap((c) => [c.mobile, c.phone]).filter((p): p is string => !!p).map(phoneDigits);
      const creditCode = fields.creditCode ? normalizeCreditCode(fields.creditCode) : '';
      const nameKey = normalizeNameForCompare(fields.name);
      const keys = [...phones.map((p) => `p:${p}`), ...(creditCode ? [`c:${creditCode}`] : []), `n:${fields.type}:${nameKey}`];
      const sameAs = keys.map((k) => firstSeen.get(k)).find((r) => r !== undefined);
      for (const k of keys) if (!firstSeen.has(k)) firstSeen.set(k, rowNumber);
      rows.push({ row: rowNumber, fields, phones, creditCode, nameKey, ...(sameAs !== undefined ? { sameAsRow: sameAs } : {}) });
    }
    if (i % SLICE === 0) {
      onProgress(i, total);
      await pause();
    }
  }
  onProgress(total, total);
  return { rows, errors };
}
