import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { loadPreference, preferenceId, savePreference } from '../../../src/renderer/src/db/preferences';
import { openMemoryDatabase } from './memory-db';

// Server user ids are UUIDs: `pref:<uuid>:<key>` is longer than an id may be.
const ALICE = '0190f3a2-7c4d-7e21-9b3a-5d6e7f801234';
const BOB = '0190f3a2-7c4d-7e21-9b3a-5d6e7f801235';

describe('preferences per user and key', () => {
  let db: DanganDatabase;
  beforeEach(async () => {
    db = await openMemoryDatabase(ALICE);
  });
  afterEach(async () => {
    await db.remove();
  });

  it('keeps each key of a UUID user apart, and each of two users whose ids differ at the end', async () => {
    await savePreference(db, ALICE, 'customers.statusList', { sort: 'name' });
    await savePreference(db, ALICE, 'keepOffline', { customerIds: ['c1'] });
    await savePreference(db, BOB, 'customers.statusList', { sort: 'code' });
    expect(await loadPreference(db, ALICE, 'customers.statusList')).toEqual({ sort: 'name' });
    expect(await loadPreference(db, ALICE, 'keepOffline')).toEqual({ customerIds: ['c1'] });
    expect(await loadPreference(db, BOB, 'customers.statusList')).toEqual({ sort: 'code' });
    expect(await loadPreference(db, BOB, 'keepOffline')).toBeNull();
    expect(preferenceId(ALICE, 'keepOffline').length).toBeLessThanOrEqual(40);
    expect(preferenceId('local', 'customers.statusList')).toBe('pref:local:customers.statusList');
  });

  it('still reads what an earlier version stored under a cut-off id, for its own key only', async () => {
    const now = Date.now();
    await db.collections.local.upsert({
      id: `pref:${ALICE}:keepOffline`.slice(0, 40),
      kind: 'preference',
      userId: ALICE,
      key: 'keepOffline',
      data: { customerIds: ['c9'] },
      at: now,
      atDesc: 0,
      createdAt: now,
      createdBy: ALICE,
      updatedAt: now,
      updatedBy: ALICE,
    });
    expect(await loadPreference(db, ALICE, 'keepOffline')).toEqual({ customerIds: ['c9'] });
    expect(await loadPreference(db, ALICE, 'customers.statusList')).toBeNull();
    // Saved again, the value moves to its own document and wins.
    await savePreference(db, ALICE, 'keepOffline', { customerIds: ['c10'] });
    expect(await loadPreference(db, ALICE, 'keepOffline')).toEqual({ customerIds: ['c10'] });
  });
});
