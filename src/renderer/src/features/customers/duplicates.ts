import { isSimilarName, normalizeCreditCode, normalizeNameForCompare, phoneDigits } from '../../../../shared/customers';
import type { CustomerCatalog } from './catalog';

export type DuplicateReason = 'phone' | 'credit' | 'name';

export interface DuplicateCandidate {
  id: string;
  code: string;
  name: string;
  archiveStatus: 'active' | 'retired';
  reasons: DuplicateReason[];
  phone?: string;
}

export interface DuplicateProbe {
  name: string;
  creditCode?: string;
  phones: string[];
}

/**
 * Customers that may be the one being saved: same phone (any contact's mobile or landline),
 * same unified social credit code, or a very similar name. Answered from the in-memory index,
 * so it stays instant at 100k customers.
 */
export function findDuplicates(catalog: CustomerCatalog, probe: DuplicateProbe, excludeId?: string): DuplicateCandidate[] {
  const found = new Map<string, DuplicateCandidate>();
  const add = (id: string, reason: DuplicateReason, phone?: string) => {
    if (id === excludeId) return;
    const row = catalog.rows.get(id);
    if (!row) return;
    const entry = found.get(id) ?? { id, code: row.code, name: row.name, archiveStatus: row.archiveStatus, reasons: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    if (phone && !entry.phone) entry.phone = phone;
    found.set(id, entry);
  };
  for (const phone of probe.phones) {
    const digits = phoneDigits(phone);
    if (digits.length >= 7) for (const id of catalog.index.withPhone(digits)) add(id, 'phone', phone);
  }
  const credit = probe.creditCode ? normalizeCreditCode(probe.creditCode) : '';
  if (credit.length === 18) for (const id of catalog.index.withCreditCode(credit)) add(id, 'credit');
  const normalized = normalizeNameForCompare(probe.name);
  if (normalized !== '') {
    for (const id of catalog.index.sharingCharacters(normalized, 0.6)) {
      const row = catalog.rows.get(id);
      if (row && isSimilarName(probe.name, row.name)) add(id, 'name');
    }
  }
  const weight = (c: DuplicateCandidate) => (c.reasons.includes('credit') ? 4 : 0) + (c.reasons.includes('phone') ? 2 : 0) + (c.reasons.includes('name') ? 1 : 0);
  return [...found.values()].sort((a, b) => weight(b) - weight(a) || a.code.localeCompare(b.code)).slice(0, 20);
}
