import { useEffect, useRef } from 'react';
import { useDatabase } from '../../db/provider';
import { useOptionalSync } from '../sync';
import { bridge } from '../../platform/dangan';
import { backupDatabase, isProfileEmpty } from './driver';
import { unwrap } from './ipc';

const HOUR = 3600 * 1000;
/** How soon a backup put off by a running sync is tried again. */
const AFTER_SYNC_MS = 60_000;
/** How often a backup that stepped aside for a sync looks whether the sync is done. */
const SYNC_POLL_MS = 500;

const isSyncing = (phase: string | undefined) => phase === 'starting' || phase === 'syncing';

/**
 * The daily automatic backup. Main cannot read the database, so the renderer asks main
 * whether today's backup is due — at start and every hour while the app runs — and makes it
 * when it is. Main keeps the newest N and prunes the rest.
 *
 * Not while the sync is moving documents: a fresh laptop's first sync (100k customers) would
 * be copied half-way, and reading and decrypting every document on the window's thread beside
 * it held the window for up to a second at a time. A backup already under way when a sync
 * begins (a laptop back online with a week's edits) waits between pages until the sync is
 * done: reading and decrypting the database on the window's thread held back pressing "sync
 * now" by seconds and slowed the push.
 */
export function useAutoBackup(): void {
  const db = useDatabase();
  const phase = useOptionalSync()?.status?.phase;
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  useEffect(() => {
    let running = false;
    const whileSyncing = async () => {
      while (isSyncing(phaseRef.current)) await new Promise((resolve) => setTimeout(resolve, SYNC_POLL_MS));
    };
    let later: ReturnType<typeof setTimeout> | null = null;
    const check = async () => {
      if (running) return;
      if (isSyncing(phaseRef.current)) {
        later ??= setTimeout(() => {
          later = null;
          void check();
        }, AFTER_SYNC_MS);
        return;
      }
      running = true;
      try {
        const status = unwrap(await bridge().invoke('backup:autoStatus', {}));
        // An empty profile (a fresh install waiting for a restore) has nothing to keep, and
        // its daily copies would push the last good backups out of the kept N.
        if (status.due && !(await isProfileEmpty(db)))
          await backupDatabase(db, bridge(), { destination: 'auto', beforePage: whileSyncing });
      } catch (error) {
        // A failed automatic backup is retried at the next check; the settings page shows the last one.
        console.warn('automatic backup failed', error);
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => void check(), 30_000);
    const timer = setInterval(() => void check(), HOUR);
    return () => {
      clearTimeout(first);
      if (later) clearTimeout(later);
      clearInterval(timer);
    };
  }, [db]);
}

/** Renders nothing: mounted once inside the database provider so the daily backup runs. */
export function AutoBackup(): null {
  useAutoBackup();
  return null;
}
