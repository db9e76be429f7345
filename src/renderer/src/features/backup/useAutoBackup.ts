import { useEffect } from 'react';
import { useDatabase } from '../../db/provider';
import { bridge } from '../../platform/dangan';
import { backupDatabase, isProfileEmpty } from './driver';
import { unwrap } from './ipc';

const HOUR = 3600 * 1000;

/**
 * The daily automatic backup. Main cannot read the database, so the renderer asks main
 * whether today's backup is due — at start and every hour while the app runs — and makes it
 * when it is. Main keeps the newest N and prunes the rest.
 */
export function useAutoBackup(): void {
  const db = useDatabase();
  useEffect(() => {
    let running = false;
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const status = unwrap(await bridge().invoke('backup:autoStatus', {}));
        // An empty profile (a fresh install waiting for a restore) has nothing to keep, and
        // its daily copies would push the last good backups out of the kept N.
        if (status.due && !(await isProfileEmpty(db)))
          await backupDatabase(db, bridge(), { destination: 'auto' });
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
      clearInterval(timer);
    };
  }, [db]);
}

/** Renders nothing: mounted once inside the database provider so the daily backup runs. */
export function AutoBackup(): null {
  useAutoBackup();
  return null;
}
