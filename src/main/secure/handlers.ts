import type { HandlerTable } from '../ipc/dispatch';
import type { SecureVault } from './vault';

type SecureChannels = Extract<keyof HandlerTable, `secure:${string}`>;

export function secureHandlers(vault: SecureVault): Pick<HandlerTable, SecureChannels> {
  return {
    'secure:status': () => ({ available: vault.available }),
    'secure:device': () => vault.device(),
    'secure:setDeviceName': ({ deviceName }) => vault.setDeviceName(deviceName),
    'secure:session': () => vault.session(),
    'secure:signedIn': (input) => vault.signedIn(input),
    'secure:unlock': ({ serverUrl, username, password }) => vault.unlock(serverUrl, username, password),
    'secure:signOut': async () => {
      await vault.signOut();
      return { signedOut: true };
    },
    'secure:accounts': () => vault.accounts(),
    'secure:databaseKey': async ({ userId }) => ({ key: await vault.databaseKey(userId) }),
  };
}
