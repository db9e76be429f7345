import { startTransition, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CustomerDoc, ReferenceDoc } from '../../../../shared/schema';
import { useRxQuery } from '../../db/hooks';
import { runListQuery } from '../../db/list-query';
import { useDatabase } from '../../db/provider';
import { useSession } from '../../session/session';
import { useProfile } from '../settings';
import { catalogFor, type CatalogState, type CustomerCatalog } from './catalog';
import { staffDirectory } from './customers.queries';

/** The shared in-memory projection, started on first use; re-renders on (throttled) changes. */
export function useCatalog(): { catalog: CustomerCatalog; state: CatalogState } {
  const db = useDatabase();
  const catalog = catalogFor(db);
  useEffect(() => {
    // A failure is kept in the catalog state and shown by the list.
    catalog.start().catch(() => undefined);
  }, [catalog]);
  const state = useSyncExternalStore(
    (onChange) => catalog.subscribe(onChange),
    () => catalog.state,
  );
  return { catalog, state };
}

/**
 * One value of the catalog's state; the component re-renders only when that value changes
 * (the catalog reports progress several times a second while it loads). The re-render is a
 * transition, which React renders in slices between which the page stays responsive: as a
 * store subscription (useSyncExternalStore, always synchronous) each pulled batch re-rendered
 * the whole status list in one task, 100–750 ms during a first sync.
 */
export function useCatalogValue<T extends string | number | boolean | null>(select: (state: CatalogState) => T): { catalog: CustomerCatalog; value: T } {
  const db = useDatabase();
  const catalog = catalogFor(db);
  const [value, setValue] = useState(() => select(catalog.state));
  const selectRef = useRef(select);
  selectRef.current = select;
  useEffect(() => {
    catalog.start().catch(() => undefined);
    const update = () => startTransition(() => setValue(selectRef.current(catalog.state)));
    // What changed between the first render and subscribing.
    update();
    return catalog.subscribe(update);
  }, [catalog]);
  return { catalog, value };
}

export interface Staff {
  /** Owner id → display name (the staff directory, plus the signed-in user). */
  names: Map<string, string>;
  nameOf(id: string): string;
  /** The team a customer joins when this person owns it. */
  teamOf(id: string): string;
  options: { value: string; label: string }[];
}

export function useStaff(): Staff {
  const user = useSession();
  const profile = useProfile();
  const db = useDatabase();
  const { docs } = useRxQuery<ReferenceDoc>(() => runListQuery(db, staffDirectory, {}), [db]);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const d of docs) {
      names.set(d.id, d.label);
      if (!names.has(d.key)) names.set(d.key, d.label);
    }
    names.set(user.id, profile?.displayName ?? user.displayName);
    const nameOf = (id: string) => names.get(id) ?? id;
    const teams = new Map<string, string>();
    for (const d of docs) if (typeof d.data['teamId'] === 'string') teams.set(d.id, d.data['teamId']);
    const teamOf = (id: string) => (id === user.id ? user.teamId : (teams.get(id) ?? user.teamId));
    const options = [user.id, ...docs.map((d) => d.id)]
      .filter((id, i, all) => all.indexOf(id) === i)
      .map((id) => ({ value: id, label: nameOf(id) }));
    return { names, nameOf, teamOf, options };
  }, [docs, user, profile]);
}

export interface CustomerState {
  customer: CustomerDoc | null;
  loading: boolean;
  error: Error | null;
}

/** One customer, live (decrypted); null when it is not on this computer. */
export function useCustomer(id: string): CustomerState {
  const db = useDatabase();
  const [state, setState] = useState<CustomerState>({ customer: null, loading: true, error: null });
  useEffect(() => {
    setState({ customer: null, loading: true, error: null });
    const sub = db.collections.customers.findOne(id).$.subscribe({
      next: (doc) => setState({ customer: doc ? (doc.toJSON() as CustomerDoc) : null, loading: false, error: null }),
      error: (error: unknown) =>
        setState({ customer: null, loading: false, error: error instanceof Error ? error : new Error(String(error)) }),
    });
    return () => sub.unsubscribe();
  }, [db, id]);
  return state;
}
