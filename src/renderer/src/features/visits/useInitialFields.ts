import { useEffect, useState } from 'react';
import type { VisitDoc } from '../../../../shared/schema';
import { reportFieldsOf, type ReportFields } from '../../../../shared/visits';
import { useDatabase } from '../../db/provider';
import { loadCorrectionBuffer } from './data/correction-buffer';
import { clearJournal, readJournal } from './data/journal';

export type EditMode = 'draft' | 'correction' | 'locked';

export interface InitialFields {
  fields: ReportFields;
  /** True when the fields came back from the journal and still have to be written. */
  restored: boolean;
  /** Changes whenever the form must be rebuilt from these fields. */
  key: string;
}

/**
 * The fields the form starts from. A draft takes the journal when it is newer than the stored
 * report (the window closed before the last write); a correction takes the journal, else the
 * buffered correction, else the report as handed in. A locked report follows the document.
 */
export function useInitialFields(visit: VisitDoc, mode: EditMode): InitialFields | null {
  const db = useDatabase();
  const [initial, setInitial] = useState<InitialFields | null>(null);
  const lockedVersion = mode === 'locked' ? visit.updatedAt : 0;

  useEffect(() => {
    let cancelled = false;
    const journal = readJournal(visit.id);
    if (mode === 'locked') {
      if (journal) clearJournal(visit.id, Number.MAX_SAFE_INTEGER);
      setInitial({
        fields: reportFieldsOf(visit),
        restored: false,
        key: `locked:${visit.updatedAt}`,
      });
      return undefined;
    }
    if (mode === 'draft') {
      const fromJournal = journal && journal.at > visit.updatedAt;
      setInitial({
        fields: fromJournal ? journal.fields : reportFieldsOf(visit),
        restored: Boolean(fromJournal),
        key: 'draft',
      });
      return undefined;
    }
    void loadCorrectionBuffer(db, visit.id).then((buffer) => {
      if (cancelled) return;
      if (journal && (!buffer || journal.at > buffer.at))
        setInitial({ fields: journal.fields, restored: true, key: 'correction' });
      else
        setInitial({
          fields: buffer?.fields ?? reportFieldsOf(visit),
          restored: false,
          key: 'correction',
        });
    });
    return () => {
      cancelled = true;
    };
    // The draft and the correction load once per mode: later writes come from this form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, visit.id, mode, lockedVersion]);

  return initial;
}
