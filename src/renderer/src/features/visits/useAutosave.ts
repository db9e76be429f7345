import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { VisitRuleError, type ReportFields } from '../../../../shared/visits';
import { clearJournal, writeJournal } from './data/journal';

export type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: number }
  | { state: 'error'; message: string };

const DEBOUNCE_MS = 400;
const RETRY_MS = 3_000;

/**
 * Saves the report on every change: first a synchronous journal copy (survives the window
 * closing), then, debounced, the real write. Writes run one at a time in order; a failed write
 * keeps its fields and is retried. Leaving the page, hiding it or unmounting flushes at once.
 */
export function useAutosave(visitId: string, persist: (fields: ReportFields) => Promise<void>) {
  const [saveState, setSaveState] = useState<SaveState>({ state: 'idle' });
  const pending = useRef<ReportFields | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const persistRef = useRef(persist);
  persistRef.current = persist;

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const fields = pending.current;
    if (!fields) return chain.current;
    pending.current = null;
    const startedAt = Date.now();
    chain.current = chain.current.then(async () => {
      setSaveState({ state: 'saving' });
      try {
        await persistRef.current(fields);
        clearJournal(visitId, startedAt);
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
  }, [visitId]);

  const change = useCallback(
    (fields: ReportFields) => {
      writeJournal(visitId, fields);
      pending.current = fields;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [visitId, flush],
  );

  /** Forgets unsaved changes (after they were handed in another way, or abandoned). */
  const discard = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    clearJournal(visitId, Number.MAX_SAFE_INTEGER);
  }, [visitId]);

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
