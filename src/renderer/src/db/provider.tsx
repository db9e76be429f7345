import { createContext, useContext, type ReactNode } from 'react';
import type { DanganDatabase } from './database';

const DatabaseContext = createContext<DanganDatabase | null>(null);

export function DatabaseProvider({ db, children }: { db: DanganDatabase; children: ReactNode }) {
  return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
}

export function useDatabase(): DanganDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase outside DatabaseProvider');
  return db;
}
