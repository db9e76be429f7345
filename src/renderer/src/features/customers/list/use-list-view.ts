import { useCallback, useEffect, useRef, useState } from 'react';
import { savePreference, usePreference } from '../../../db/preferences';
import { useDatabase } from '../../../db/provider';
import { useSession } from '../../../session/session';
import { DEFAULT_VIEW, parseView, type ListView } from './view';

const KEY = 'customers.statusList';

/**
 * The user's filters and sort, read from and written to their preference (debounced), so
 * the list opens as they left it, on this laptop, per user. A change still waiting for its
 * debounce is written when the list closes, never dropped.
 */
export function useListView(): { view: ListView; loaded: boolean; saved: boolean; setView(next: ListView): void } {
  const db = useDatabase();
  const user = useSession();
  const stored = usePreference<Record<string, unknown>>(user.id, KEY);
  const [view, setLocal] = useState<ListView | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (stored !== undefined && view === null) setLocal(stored ? parseView(stored) : DEFAULT_VIEW);
  }, [stored, view]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      pending.current?.();
    },
    [],
  );

  const setView = useCallback(
    (next: ListView) => {
      setLocal(next);
      if (timer.current) clearTimeout(timer.current);
      const save = () => {
        pending.current = null;
        timer.current = null;
        void savePreference(db, user.id, KEY, next);
      };
      pending.current = save;
      timer.current = setTimeout(save, 300);
    },
    [db, user.id],
  );

  // Saved: the stored preference (a live query) says what is on screen.
  const saved = view === null || JSON.stringify(parseView(stored ?? {})) === JSON.stringify(view);
  return { view: view ?? DEFAULT_VIEW, loaded: view !== null, saved, setView };
}
