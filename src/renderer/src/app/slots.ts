import type { ComponentType } from 'react';
import { AutoBackup } from '../features/backup';
import { GlobalSearch } from '../features/search';
import { SyncStatusBadge } from '../features/sync/SyncStatusBadge';

/**
 * Components shown in the header on every screen (the global search box, the sync status).
 * Features add one entry each.
 */
export const headerSlots: { key: string; Component: ComponentType }[] = [
  { key: 'search', Component: GlobalSearch },
  { key: 'sync', Component: SyncStatusBadge },
  // Renders nothing; here because the header is mounted once, inside the database provider.
  { key: 'autoBackup', Component: AutoBackup },
];
