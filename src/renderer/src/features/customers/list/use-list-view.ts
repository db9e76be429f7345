import { useCallback, useEffect, useRef, useState } from 'react';
import { savePreference, usePreference } from '../../../db/preferences';
import { useDatabase } from '../../../db/provider';
import { useSession } from '../../../session/session';
import { DEFAULT_VIEW, parseView, type ListView } from './view';

const KEY = 'customers.statusList';

/**
 * The user's filters and sort, read from and written to their preference (debounced), so
 * the list opens as they left it, on this laptop, per user.
 */
export function useListView(): { view: ListView; loaded: boolean; setView(next: ListView): void } {
  const db = useDatabase();
  const user = useSession();
  const stored = usePreference<Record<string, unknown>>(user.id, KEY);
  const [view, setLocal] = useState<ListView | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (stored !== undefined && view === null) setLocal(stored ? parseView(stored) : DEFAULT_VIEW);
  }, [stored, view]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const setView = useCallback(
    (next: ListView) => {
      setLocal(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void savePreference(db, user.id, KEY, next);
      }, 300);
    },
    [db, user.id],
  );

  return { view: view ?? DEFAULT_VIEW, loaded: view !== null, setView };
}
