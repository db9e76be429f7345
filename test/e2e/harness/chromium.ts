import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env['DANGAN_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags for Debian's Chromium on a machine with no network and no GPU. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A missing browser fails the run (in CI and locally alike) with the fix in the message. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" ` +
        '(or set DANGAN_CHROMIUM to its path). End-to-end tests never download a browser.',
    );
  }
}
