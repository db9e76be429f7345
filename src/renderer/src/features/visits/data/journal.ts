import { reportDraftSchema, type ReportFields } from '../../../../../shared/visits';

/**
 * A synchronous copy of the report being typed, written on every change before the
 * debounced database write. localStorage survives the window closing between a keystroke and
 * that write; on the next open, a journal newer than the stored report is put back.
 */

interface JournalEntry {
  fields: ReportFields;
  at: number;
}

const PREFIX = 'dangan.visitJournal.';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function writeJournal(visitId: string, fields: ReportFields, at = Date.now()): void {
  try {
    storage()?.setItem(PREFIX + visitId, JSON.stringify({ fields, at } satisfies JournalEntry));
  } catch {
    // A full or disabled localStorage leaves the database write as the only copy.
  }
}

export function readJournal(visitId: string): JournalEntry | null {
  const raw = storage()?.getItem(PREFIX + visitId);
  if (!raw) return null;
  try {
    const entry: unknown = JSON.parse(raw);
    if (typeof entry !== 'object' || entry === null || !('at' in entry) || typeof entry.at !== 'number') return null;
    const fields = reportDraftSchema.safeParse('fields' in entry ? entry.fields : null);
    return fields.success ? { at: entry.at, fields: fields.data } : null;
  } catch {
    return null;
  }
}

/** Drops the journal once the database holds everything it had (nothing typed since `upTo`). */
export function clearJournal(visitId: string, upTo: number): void {
  const entry = readJournal(visitId);
  if (entry && entry.at <= upTo) storage()?.removeItem(PREFIX + visitId);
}
