// Launches the system Chromium for browser tests through playwright-core (no browser download),
// and names where screenshots go, so every e2e suite drives the same browser the same way.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; CI installs it when missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** How long a browser test waits for one request or page state before it fails. */
export const WAIT_MS = 10_000;

/** Anchored at the repository root, whatever the working directory. */
const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));

/** A headless Chromium that talks to nothing but the test's own servers. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** `<repo>/test-output/screenshots/<name>.png`, creating the folder. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}
