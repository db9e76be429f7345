import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { REPLICATED_COLLECTIONS, type ReplicatedCollection } from '../../../../shared/schema';
import { databaseNameFor } from '../../app/open';
import { inOwnTask } from '../../app/staged';
import type { DanganDatabase } from '../../db/database';
import { logout, SyncHttpError } from '../../sync/api';
import { SyncWorkerClient } from '../../sync/client';
import { calmStatus, type SyncStatus } from '../../sync/status';
import { signInOnline, type AppSession } from './session';
import { startTransferPlanner } from './transfer-planner';

export interface SyncContextValue {
  session: AppSession;
  /** Null with the local profile: nothing syncs. */
  status: SyncStatus | null;
  syncNow(): void;
  /** Changes the server has not confirmed, per collection; null when unknown. */
  pending(): Promise<Partial<Record<ReplicatedCollection, number>> | null>;
  /** Leaves the session (after the user confirmed); unsynced changes stay in the database. */
  signOut(): Promise<void>;
  /** From the local profile, or after the server ended the sign-in: show the sign-in screen. */
  requestSignIn(): void;
  /** Signs in again with the password after the token expired or was revoked. */
  signInAgain(password: string): Promise<void>;
}

const SyncContext = createContext<SyncContextValue | null>(null);
/** Collections still in their first round with the server since this start (server sign-in only). */
const FirstSyncContext = createContext<readonly ReplicatedCollection[]>([]);

export function useSync(): SyncContextValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error('useSync outside SyncProvider');
  return value;
}

/**
 * True while this collection's first round with the server has not finished since the app
 * started, and it is running (not offline, not stopped): an empty list then means "not here
 * yet", not "none". Its own context, which changes a few times per start, not with every status.
 */
export function useAwaitingFirstSync(collection: ReplicatedCollection): boolean {
  return useContext(FirstSyncContext).includes(collection);
}

/** Null outside a SyncProvider (isolated component tests, the print window). */
export function useOptionalSync(): SyncContextValue | null {
  return useContext(SyncContext);
}

const OFFLINE_RETRY_MS = 20_000;
/** How often the count of received documents may re-render the header during a pull. */
const STATUS_CALM_MS = 500;

export function SyncProvider(props: {
  session: AppSession;
  db: DanganDatabase;
  dbKey: string;
  onLeave: (reason: 'signedOut' | 'signIn') => void;
  children: ReactNode;
}) {
  const { db, dbKey, onLeave } = props;
  const [session, setSession] = useState<AppSession>(props.session);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const clientRef = useRef<SyncWorkerClient | null>(null);
  const signInOnlineNow = useRef<(() => void) | null>(null);
  const user = session.user;
  const serverUrl = session.mode === 'server' ? session.serverUrl : null;

  // One worker per signed-in session, started with whatever token there is. Both starts run in
  // tasks of their own: creating the worker alone took ~15 ms of the shell's first commit.
  useEffect(() => {
    const started = props.session;
    if (started.mode !== 'server') return undefined;
    return inOwnTask(() => {
      const client = new SyncWorkerClient({
        dbName: databaseNameFor(started.user),
        password: dbKey,
        user: started.user,
        serverUrl: started.serverUrl,
        token: started.token,
      });
      clientRef.current = client;
      const sub = client.status$.pipe(calmStatus(STATUS_CALM_MS)).subscribe(setStatus);
      return () => {
        sub.unsubscribe();
        clientRef.current = null;
        void client.stop();
      };
    });
  }, [props.session, dbKey]);

  // Uploads of files added here, downloads for customers kept offline.
  useEffect(() => {
    if (session.mode !== 'server') return undefined;
    return inOwnTask(() => startTransferPlanner(db, user.id));
  }, [db, session.mode, user.id]);

  const adoptToken = useCallback((next: AppSession) => {
    if (next.mode !== 'server' || !next.token) return;
    setSession(next);
    clientRef.current?.setToken(next.token);
  }, []);

  // Signed in offline: the password waits in memory until the server answers.
  useEffect(() => {
    if (session.mode !== 'server' || session.token || !session.offlinePassword) return undefined;
    let stopped = false;
    const attempt = async () => {
      try {
        const next = await signInOnline({ serverUrl: session.serverUrl, username: session.username, password: session.offlinePassword ?? '' });
        if (!stopped) adoptToken(next);
      } catch (error) {
        // Only "no answer" is worth waiting out; a refused password needs the user.
        if (!(error instanceof SyncHttpError && error.transient)) stopped = true;
      }
    };
    const timer = setInterval(() => void (stopped ? undefined : attempt()), OFFLINE_RETRY_MS);
    const online = () => void attempt();
    window.addEventListener('online', online);
    signInOnlineNow.current = online;
    void attempt();
    return () => {
      stopped = true;
      signInOnlineNow.current = null;
      clearInterval(timer);
      window.removeEventListener('online', online);
    };
  }, [session, adoptToken]);

  const value = useMemo<SyncContextValue>(
    () => ({
      session,
      status: session.mode === 'server' ? (status ?? null) : null,
      syncNow: () => {
        clientRef.current?.syncNow();
        signInOnlineNow.current?.();
      },
      pending: () => clientRef.current?.pending() ?? Promise.resolve(null),
      requestSignIn: () => onLeave('signIn'),
      signInAgain: async (password) => {
        if (session.mode !== 'server') return;
        adoptToken(await signInOnline({ serverUrl: session.serverUrl, username: session.username, password }));
      },
      signOut: async () => {
        const client = clientRef.current;
        clientRef.current = null;
        await client?.stop();
        if (session.mode === 'server' && session.token && serverUrl) {
          // Ends the token on the server too; offline, it simply expires there.
          await logout({ serverUrl, token: session.token }).catch(() => undefined);
        }
        onLeave('signedOut');
      },
    }),
    [session, status, serverUrl, onLeave, adoptToken],
  );

  // A standby window's worker does not sync (another window's does): it has nothing to wait for.
  const running =
    session.mode === 'server' && !status?.stoppedBy && !status?.standby && status?.phase !== 'offline' && status?.phase !== 'error';
  // Keyed by the caught-up list (null before the worker's first status), not by every status.
  const caughtUpKey = status ? status.caughtUp.join(',') : null;
  const awaiting = useMemo<readonly ReplicatedCollection[]>(
    () => (running ? REPLICATED_COLLECTIONS.filter((c) => !caughtUpKey?.split(',').includes(c)) : []),
    [running, caughtUpKey],
  );

  return (
    <SyncContext.Provider value={value}>
      <FirstSyncContext.Provider value={awaiting}>{props.children}</FirstSyncContext.Provider>
    </SyncContext.Provider>
  );
}
