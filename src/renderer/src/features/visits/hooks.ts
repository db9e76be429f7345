import { useEffect, useMemo, useState } from 'react';
import type { CustomerDoc, PlanDoc, VisitDoc } from '../../../../shared/schema';
import {
  periodRange,
  visitFlags,
  type CoverageVisit,
  type VisitFlag,
} from '../../../../shared/visits';
import type { DanganDatabase } from '../../db/database';
import { runListQuery } from '../../db/list-query';
import { useDatabase } from '../../db/provider';
import { useSession } from '../../session/session';
import { plansOfOwnerYear, plansOfTeamYear } from '../plans/plans.queries';
import { useLiveList } from './live';
import { visitsOfOwnerBetween } from './visits.queries';

/** One visit, live; `undefined` while loading, `null` when it does not exist. */
export function useVisit(id: string | undefined): VisitDoc | null | undefined {
  const db = useDatabase();
  const [visit, setVisit] = useState<VisitDoc | null | undefined>(undefined);
  useEffect(() => {
    if (!id) {
      setVisit(null);
      return undefined;
    }
    const sub = db.collections.visits
      .findOne(id)
      .$.subscribe((doc) => setVisit(doc ? doc.toMutableJSON() : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return visit;
}

/** Customers by id (a primary-key lookup, never a scan), live. */
export function useCustomers(ids: readonly string[]): Map<string, CustomerDoc> {
  const db = useDatabase();
  const key = [...new Set(ids.filter(Boolean))].sort().join('|');
  const [customers, setCustomers] = useState<Map<string, CustomerDoc>>(new Map());
  useEffect(() => {
    const wanted = key ? key.split('|') : [];
    if (!wanted.length) {
      setCustomers(new Map());
      return undefined;
    }
    const sub = db.collections.customers.findByIds(wanted).$.subscribe((found) => {
      setCustomers(new Map([...found.values()].map((d) => [d.id, d.toMutableJSON()])));
    });
    return () => sub.unsubscribe();
  }, [db, key]);
  return customers;
}

/** Visits of one owner in a time range, live. */
export function useOwnerVisits(ownerId: string, start: number, end: number) {
  return useLiveList(visitsOfOwnerBetween, { ownerId, start, end }, [ownerId, start, end]);
}

/** The plans whose customers the current user is answerable for: their own, and a manager's team's. */
export function useRelevantPlans(year: number): PlanDoc[] {
  const user = useSession();
  const own = useLiveList(plansOfOwnerYear, { ownerId: user.id, year }, [user.id, year]);
  const manager = user.role === 'manager' || user.role === 'admin';
  const team = useLiveList(plansOfTeamYear, manager ? { teamId: user.teamId, year } : null, [
    manager,
    user.teamId,
    year,
  ]);
  return useMemo(() => {
    const byId = new Map<string, PlanDoc>();
    for (const p of [...own.docs, ...team.docs]) byId.set(p.id, p);
    return [...byId.values()];
  }, [own.docs, team.docs]);
}

async function ownerVisits(
  db: DanganDatabase,
  ownerIds: readonly string[],
  year: number,
): Promise<Map<string, CoverageVisit[]>> {
  const range = periodRange(year, 0);
  const entries = await Promise.all(
    ownerIds.map(async (ownerId) => {
      const docs = await runListQuery(db, visitsOfOwnerBetween, {
        ownerId,
        start: range.start,
        end: range.end,
      }).exec();
      return [
        ownerId,
        docs.map((d) => ({ customerId: d.customerId, at: d.at, status: d.status })),
      ] as const;
    }),
  );
  return new Map(entries);
}

const FLAGS_RECOMPUTE_MS = 500;

/**
 * Customers due or overdue for a visit under the current plans of this user (and, for a
 * manager, of the team): the status list flags them. Recomputed when a plan or one of the
 * owners' visits changes; a customer absent from the map needs no visit now.
 */
export function useVisitFlags(now: number = Date.now()): ReadonlyMap<string, VisitFlag> {
  const db = useDatabase();
  const year = new Date(now).getFullYear();
  const plans = useRelevantPlans(year);
  const [flags, setFlags] = useState<ReadonlyMap<string, VisitFlag>>(new Map());
  const day = Math.floor(now / 86_400_000);
  useEffect(() => {
    let cancelled = false;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const owners = [...new Set(plans.map((p) => p.ownerId))];
    // One recompute at a time, at most one every FLAGS_RECOMPUTE_MS: a first sync writes
    // 300k visits, and a recompute per visit event would read the owners' year each time.
    const recompute = (): void => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      void ownerVisits(db, owners, year)
        .then((visits) => {
          if (!cancelled) setFlags(visitFlags(plans, (owner) => visits.get(owner) ?? [], Date.now()));
        })
        .finally(() => {
          running = false;
          if (again) {
            again = false;
            schedule();
          }
        });
    };
    const schedule = (): void => {
      if (timer || cancelled) return;
      timer = setTimeout(() => {
        timer = null;
        if (!cancelled) recompute();
      }, FLAGS_RECOMPUTE_MS);
    };
    recompute();
    const range = periodRange(year, 0);
    // Any visit written by a plan owner this year may change a flag. Read from the event bulks,
    // not the collection's `$`: RxDB 17 keeps every bulk that passes through `$` in a module-level
    // Map it never empties (rx-change-event.ts, EVENT_BULK_CACHE), so every visit a first sync
    // pulled stayed in this window's memory — most of its heap, and long GC pauses.
    const sub = db.collections.visits.eventBulks$.subscribe((bulk) => {
      for (const event of bulk.events) {
        const doc = event.documentData as VisitDoc | undefined;
        if (doc && owners.includes(doc.ownerId) && doc.at >= range.start && doc.at < range.end) {
          schedule();
          return;
        }
      }
    });
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      sub.unsubscribe();
    };
  }, [db, plans, year, day]);
  return flags;
}
