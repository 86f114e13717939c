/**
 * Finds Debian's `chromium` on PATH for the browser suite. Playwright's own browser downloads are not
 * available on these machines, so the suite drives the system browser and says plainly when it is missing.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

const NAMES = ['chromium', 'chromium-browser'];

export const CHROMIUM_MISSING_MESSAGE =
  'The browser test suite needs Chromium on PATH: install it with `apt-get install -y chromium` ' +
  '(Debian) or point CHROMIUM_PATH at a Chromium or Chrome binary.';

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium binary to use, or null. CHROMIUM_PATH wins over PATH when set. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) return isExecutableFile(explicit) ? explicit : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of NAMES) {
      const candidate = path.join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

/** Like findChromium, but throws the message the suite shows when nothing is found. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (!found) throw new Error(CHROMIUM_MISSING_MESSAGE);
  return found;
}

/** The flags DESIGN.md §4 prescribes for a headless run on a CI machine without a GPU or network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
