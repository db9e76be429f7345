import { useEffect, useState } from 'react';
import type { DanganDatabase } from './database';
import { useDatabase } from './provider';

/** Preferences live in the never-replicated `local` collection, one document per user and key. */
export function preferenceId(userId: string, key: string): string {
  return `pref:${userId}:${key}`.slice(0, 40);
}

export async function savePreference(
  db: DanganDatabase,
  userId: string,
  key: string,
  value: Record<string, unknown>,
): Promise<void> {
  const now = Date.now();
  await db.collections.local.upsert({
    id: preferenceId(userId, key),
    kind: 'preference',
    userId,
    key,
    data: value,
    at: now,
    atDesc: 0,
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
  });
}

export async function loadPreference<T extends Record<string, unknown>>(
  db: DanganDatabase,
  userId: string,
  key: string,
): Promise<T | null> {
  const doc = await db.collections.local.findOne(preferenceId(userId, key)).exec();
  return doc ? (doc.toJSON().data as T) : null;
}

/** A live preference value; `undefined` while loading. */
export function usePreference<T extends Record<string, unknown>>(userId: string, key: string): T | null | undefined {
  const db = useDatabase();
  const [value, setValue] = useState<T | null | undefined>(undefined);
  useEffect(() => {
    const sub = db.collections.local.findOne(preferenceId(userId, key)).$.subscribe((doc) => {
      setValue(doc ? (doc.toJSON().data as T) : null);
    });
    return () => sub.unsubscribe();
  }, [db, userId, key]);
  return value;
}
