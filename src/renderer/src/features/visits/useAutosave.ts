import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { VisitRuleError, type ReportFields } from '../../../../shared/visits';
import { clearDraftCopy, writeDraftCopy } from './data/draft-copy';
import { clearJournal, writeJournal } from './data/journal';

export type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: number }
  | { state: 'error'; message: string };

/** The checkpoint (the synced document's write) waits for a pause in typing… */
const DEBOUNCE_MS = 400;
/** …but never longer than this after the first unsaved change. */
const MAX_WAIT_MS = 2_000;
const RETRY_MS = 3_000;

/**
 * Saves the report on every change, three ways:
 * 1. a synchronous journal copy in localStorage (survives the window closing mid-keystroke);
 * 2. the whole draft put into the draft-copy store (data/draft-copy.ts), one small committed
 *    IndexedDB write per change, in order — the save on every change;
 * 3. the checkpoint: the report's own document written (`persist`, strict durability, synced)
 *    when typing pauses, at the latest MAX_WAIT_MS after a change. Checkpoints run one at a
 *    time in order; a failed one keeps its fields and is retried. Leaving the page, hiding it
 *    or unmounting checkpoints at once.
 */
export function useAutosave(
  visitId: string,
  persist: (fields: ReportFields) => Promise<void>,
  /** The user's database name: the draft copies are kept beside it. */
  userDatabase: string,
) {
  const [saveState, setSaveState] = useState<SaveState>({ state: 'idle' });
  const pending = useRef<ReportFields | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstPendingAt = useRef(0);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const copies = useRef<Promise<void>>(Promise.resolve());
  const persistRef = useRef(persist);
  persistRef.current = persist;

  /** The journal and the draft copy of these fields, stamped now; returns the stamp. */
  const keepCopy = useCallback(
    (fields: ReportFields): number => {
      const at = Date.now();
      writeJournal(visitId, fields, at);
      // In order, each one complete: a later copy never lands under an earlier one. A failed
      // copy leaves the journal and the next checkpoint to keep the text.
      copies.current = copies.current
        .then(() => writeDraftCopy(userDatabase, visitId, fields, at))
        .catch(() => undefined);
      return at;
    },
    [visitId, userDatabase],
  );

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const fields = pending.current;
    if (!fields) return chain.current;
    pending.current = null;
    firstPendingAt.current = 0;
    const startedAt = Date.now();
    chain.current = chain.current.then(async () => {
      setSaveState({ state: 'saving' });
      try {
        await persistRef.current(fields);
        clearJournal(visitId, startedAt);
        // Typed while this checkpoint ran: the document is now stamped later than those
        // changes' copies, so copy them again with a later time, or a reopen would skip them.
        const newer = pending.current;
        if (newer) keepCopy(newer);
        setSaveState({ state: 'saved', at: Date.now() });
      } catch (error) {
        // Keep what was typed: a newer change wins, otherwise these fields go again. A rule
        // that said no (the report was submitted meanwhile) will say no again: no retry, and
        // the journal keeps the text.
        pending.current ??= fields;
        setSaveState({
          state: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
        if (!(error instanceof VisitRuleError))
          timer.current ??= setTimeout(() => void flush(), RETRY_MS);
      }
    });
    return chain.current;
  }, [visitId, keepCopy]);

  const change = useCallback(
    (fields: ReportFields) => {
      const at = keepCopy(fields);
      pending.current = fields;
      if (timer.current) clearTimeout(timer.current);
      firstPendingAt.current ||= at;
      const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstPendingAt.current + MAX_WAIT_MS - at));
      timer.current = setTimeout(() => void flush(), wait);
    },
    [keepCopy, flush],
  );

  /** Forgets unsaved changes (after they were handed in another way, or abandoned). */
  const discard = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    firstPendingAt.current = 0;
    clearJournal(visitId, Number.MAX_SAFE_INTEGER);
    copies.current = copies.current.then(() => clearDraftCopy(userDatabase, visitId)).catch(() => undefined);
  }, [visitId, userDatabase]);

  useEffect(() => {
    const onHide = () => void flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void flush();
    };
  }, [flush]);

  return useMemo(
    () => ({ change, flush, discard, saveState }),
    [change, flush, discard, saveState],
  );
}
