import { localEntry } from '../../../shared/schema';
import { useEffect, useState } from 'react';
import type { DanganDatabase } from './database';
import { useDatabase } from './provider';

const MAX_ID = 40;

/** 128 bits of a string (four 32-bit FNV-1a-style lanes) as 32 hex characters. Not secret. */
function digest(text: string): string {
  const lanes = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x27d4eb2f, 0x165667b1];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (let l = 0; l < 4; l++) lanes[l] = Math.imul((lanes[l]! ^ c) + l, 0x01000193 + 2 * l) >>> 0;
  }
  return lanes.map((v) => v.toString(16).padStart(8, '0')).join('');
}

/**
 * Preferences live in the never-replicated `local` collection, one document per user and key.
 * Ids hold at most 40 characters: a longer `pref:<user>:<key>` (server user ids are UUIDs) is
 * hashed, since cutting it off made every key of one user share a single document.
 */
export function preferenceId(userId: string, key: string): string {
  const plain = `pref:${userId}:${key}`;
  return plain.length <= MAX_ID ? plain : `pref:${digest(`${userId}\u0000${key}`)}`;
}

/** Where earlier versions stored a long id: cut off, so shared by keys; valid only if its key matches. */
function legacyId(userId: string, key: string): string | null {
  const plain = `pref:${userId}:${key}`;
  return plain.length <= MAX_ID ? null : plain.slice(0, MAX_ID);
}

interface StoredPreference {
  userId: string;
  key: string;
  data: unknown;
}

function pick<T>(userId: string, key: string, current: StoredPreference | undefined, legacy: StoredPreference | undefined): T | null {
  if (current) return current.data as T;
  if (legacy && legacy.userId === userId && legacy.key === key) return legacy.data as T;
  return null;
}

export async function savePreference(
  db: DanganDatabase,
  userId: string,
  key: string,
  value: Record<string, unknown>,
): Promise<void> {
  await db.collections.local.upsert(
    localEntry({ id: preferenceId(userId, key), kind: 'preference', userId, key, data: value }, Date.now()),
  );
}

export async function loadPreference<T extends Record<string, unknown>>(
  db: DanganDatabase,
  userId: string,
  key: string,
): Promise<T | null> {
  const id = preferenceId(userId, key);
  const old = legacyId(userId, key);
  const found = await db.collections.local.findByIds(old ? [id, old] : [id]).exec();
  return pick<T>(userId, key, found.get(id)?.toJSON() as StoredPreference | undefined, old ? (found.get(old)?.toJSON() as StoredPreference | undefined) : undefined);
}

/** A live preference value; `undefined` while loading. */
export function usePreference<T extends Record<string, unknown>>(userId: string, key: string): T | null | undefined {
  const db = useDatabase();
  const [value, setValue] = useState<T | null | undefined>(undefined);
  useEffect(() => {
    const id = preferenceId(userId, key);
    const old = legacyId(userId, key);
    const sub = db.collections.local.findByIds(old ? [id, old] : [id]).$.subscribe((found) => {
      setValue(pick<T>(userId, key, found.get(id)?.toJSON() as StoredPreference | undefined, old ? (found.get(old)?.toJSON() as StoredPreference | undefined) : undefined));
    });
    return () => sub.unsubscribe();
  }, [db, userId, key]);
  return value;
}
