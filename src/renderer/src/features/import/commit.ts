import { normalizeNameForCompare, newCustomerDoc } from '../../../../shared/customers';
import { newId } from '../../../../shared/ids';
import type { CustomerDoc } from '../../../../shared/schema';
import type { SessionUser } from '../../../../shared/users';
import { writeInBatches, yieldToUi } from '../../db/batch';
import type { DanganDatabase } from '../../db/database';
import { allocateCustomerCodes, type CustomerCatalog } from '../customers';
import type { RowError } from './rows';
import type { ImportRow } from './validate-table';

export interface ExistingMatch {
  ids: string[];
  reason: 'phone' | 'credit' | 'name';
}

/**
 * Rows that match a customer already on this laptop: same phone, same credit code, or the
 * same name once legal-form suffixes and spacing are ignored. Done in slices on the UI
 * thread (the index lives there), yielding between them.
 */
export async function flagExisting(catalog: CustomerCatalog, rows: readonly ImportRow[], onProgress: (done: number, total: number) => void): Promise<Map<number, ExistingMatch>> {
  await catalog.whenSearchComplete();
  const byName = new Map<string, string>();
  let slice = performance.now();
  for (const r of [...catalog.rows.values()]) {
    byName.set(`${r.type}:${normalizeNameForCompare(r.name)}`, r.id);
    if (performance.now() - slice > 8) {
      await yieldToUi();
      slice = performance.now();
    }
  }
  const found = new Map<number, ExistingMatch>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const credit = row.creditCode ? catalog.index.withCreditCode(row.creditCode) : [];
    const phone = credit.length ? [] : row.phones.flatMap((p) => (p.length >= 7 ? catalog.index.withPhone(p) : []));
    const name = byName.get(`${row.fields.type}:${row.nameKey}`);
    if (credit.length) found.set(row.row, { ids: credit, reason: 'credit' });
    else if (phone.length) found.set(row.row, { ids: [...new Set(phone)], reason: 'phone' });
    else if (name) found.set(row.row, { ids: [name], reason: 'name' });
    if (i % 2000 === 1999) {
      onProgress(i + 1, rows.length);
      await yieldToUi();
    }
  }
  onProgress(rows.length, rows.length);
  return found;
}

/** Writes the confirmed rows: codes reserved as one block, documents in batches of 250. */
export async function commitImport(
  db: DanganDatabase,
  user: SessionUser,
  rows: readonly ImportRow[],
  teamOf: (ownerId: string) => string,
  onProgress: (done: number, total: number) => void,
): Promise<number> {
  if (rows.length === 0) return 0;
  const codes = await allocateCustomerCodes(db, user.id, rows.length);
  // Built in slices too: 100k documents at once would hold the window for a moment.
  const docs: CustomerDoc[] = [];
  let slice = performance.now();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    docs.push(newCustomerDoc(row.fields, { id: newId(), code: codes[i]!, teamId: teamOf(row.fields.ownerId), userId: user.id }));
    if (performance.now() - slice > 8) {
      await yieldToUi();
      slice = performance.now();
    }
  }
  return writeInBatches(db.collections.customers, docs, 'insert', { onProgress: (p) => onProgress(p.done, p.total) });
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The problems as a CSV that Excel opens in Chinese (UTF-8 with BOM). */
export function errorsCsv(errors: readonly RowError[], headers: [string, string, string, string], message: (e: RowError) => string): Blob {
  const lines = [headers.map(csvCell).join(',')];
  for (const e of errors) lines.push([String(e.row), e.column, message(e), e.value].map(csvCell).join(','));
  return new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
}
