import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { CustomerFormValues } from '../../../../../shared/customers';
import { useDatabase } from '../../../db/provider';
import { useSession } from '../../../session/session';
import { deleteDraft, loadDraft, saveDraft, type Draft } from './draft';

const AUTOSAVE_MS = 600;

/**
 * The form's draft: found on open (offered, not forced), saved while the user types
 * (debounced), removed after a successful save or when the user discards it.
 */
export function useDraft(form: UseFormReturn<CustomerFormValues>, key: string, enabled: boolean) {
  const db = useDatabase();
  const user = useSession();
  const [found, setFound] = useState<Draft | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const paused = useRef(false);
  /** Draft writes run one at a time, in order; clearing waits for the one in flight. */
  const writes = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    let cancelled = false;
    void loadDraft(db, user.id, key).then((draft) => !cancelled && setFound(draft));
    return () => {
      cancelled = true;
    };
  }, [db, user.id, key]);

  useEffect(() => {
    if (!enabled) return undefined;
    const sub = form.watch((values, { name }) => {
      // Only edits (which name a field) make a draft; loading the customer (a reset) does not.
      if (paused.current || !name) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const snapshot = structuredClone(values) as CustomerFormValues;
        writes.current = writes.current.then(async () => {
          // The form was saved (or its draft discarded) while this write waited its turn.
          if (paused.current) return;
          try {
            await saveDraft(db, user.id, key, snapshot);
            setSavedAt(Date.now());
            setError(null);
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        });
      }, AUTOSAVE_MS);
    });
    return () => {
      sub.unsubscribe();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [db, user.id, key, form, enabled]);

  return {
    found,
    savedAt,
    error,
    restore() {
      if (!found) return;
      form.reset(found.values, { keepDefaultValues: true });
      // Restored values differ from the saved customer: keep them marked as unsaved.
      for (const name of Object.keys(found.values) as (keyof CustomerFormValues)[]) {
        form.setValue(name, found.values[name], { shouldDirty: true });
      }
      setFound(null);
    },
    async discard() {
      setFound(null);
      await writes.current;
      await deleteDraft(db, user.id, key);
    },
    /**
     * After a successful save: stop autosaving and remove the draft, after any draft write
     * still in flight (removed first, that write would bring the draft back).
     */
    async clear() {
      paused.current = true;
      if (timer.current) clearTimeout(timer.current);
      await writes.current;
      await deleteDraft(db, user.id, key);
    },
  };
}
