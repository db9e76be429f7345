import type { ComponentType } from 'react';

/**
 * Components shown in the header on every screen (the global search box, the sync status).
 * Features add one entry each.
 */
export const headerSlots: { key: string; Component: ComponentType }[] = [];
