import { useEffect, useState } from 'react';
import type { VisitDoc } from '../../../../shared/schema';
import { reportFieldsOf, type ReportFields } from '../../../../shared/visits';
import { useDatabase } from '../../db/provider';
import { loadCorrectionBuffer } from './data/correction-buffer';
import { clearDraftCopy, readDraftCopy } from './data/draft-copy';
import { clearJournal, readJournal } from './data/journal';

export type EditMode = 'draft' | 'correction' | 'locked';

export interface InitialFields {
  fields: ReportFields;
  /** True when the fields came back from a local copy and still have to be written. */
  restored: boolean;
  /** Changes whenever the form must be rebuilt from these fields. */
  key: string;
}

/**
 * The fields the form starts from. A draft takes the newest local copy (the journal or the
 * draft copy) when it is newer than the stored report (the window or the app closed before the
 * last checkpoint); a correction takes that copy, else the buffered correction, else the report
 * as handed in. A locked report follows the document.
 */
export function useInitialFields(visit: VisitDoc, mode: EditMode): InitialFields | null {
  const db = useDatabase();
  const [loaded, setLoaded] = useState<{ mode: EditMode; initial: InitialFields } | null>(null);
  const lockedVersion = mode === 'locked' ? visit.updatedAt : 0;

  useEffect(() => {
    let cancelled = false;
    const setInitial = (initial: InitialFields) => setLoaded({ mode, initial });
    const journal = readJournal(visit.id);
    if (mode === 'locked') {
      if (journal) clearJournal(visit.id, Number.MAX_SAFE_INTEGER);
      void clearDraftCopy(db.name, visit.id).catch(() => undefined);
      setInitial({
        fields: reportFieldsOf(visit),
        restored: false,
        key: `locked:${visit.updatedAt}`,
      });
      return undefined;
    }
    // The newest of the journal and the draft copy: what was typed last on this laptop.
    const copy = readDraftCopy(db.name, visit.id).catch(() => null);
    const local = copy.then((c) => (c && (!journal || c.at > journal.at) ? c : journal));
    if (mode === 'draft') {
      void local.then((kept) => {
        if (cancelled) return;
        const fromLocal = kept && kept.at > visit.updatedAt;
        setInitial({
          fields: fromLocal ? kept.fields : reportFieldsOf(visit),
          restored: Boolean(fromLocal),
          key: 'draft',
        });
      });
      return () => {
        cancelled = true;
      };
    }
    void Promise.all([local, loadCorrectionBuffer(db, visit.id)]).then(([kept, buffer]) => {
      if (cancelled) return;
      if (kept && (!buffer || kept.at > buffer.at))
        setInitial({ fields: kept.fields, restored: true, key: 'correction' });
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

  // Fields loaded for another mode are not shown, not even for one render: a report sent back
  // while open turns editable before its correction has loaded, and whatever was typed into
  // that form would be thrown away when the loaded one replaced it.
  return loaded && loaded.mode === mode ? loaded.initial : null;
}
