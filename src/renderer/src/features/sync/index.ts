export { SyncProvider, useAwaitingFirstSync, useSync, useOptionalSync, type SyncContextValue } from './SyncProvider';
export { SyncStatusBadge } from './SyncStatusBadge';
export { SyncPage } from './SyncPage';
export { SignInScreen, type SignInNotice } from './SignInScreen';
export { KeepOfflineToggle, KeepOfflineList } from './KeepOffline';
export { ensureLocal, NotLocalError } from './transfers';
export { restoreSession, rememberBootChoice, databaseKeyFor, type AppSession } from './session';
