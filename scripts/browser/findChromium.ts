/**
 * Where the browser tests find Chromium, in order: the CHROMIUM_PATH environment variable, a system Chromium on
 * the PATH (Debian's `apt-get install chromium` puts one at /usr/bin/chromium), then Playwright's own download.
 * Shared by playwright.config.ts and `npm test`'s first step (scripts/ensure-browser.ts).
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'playwright';

export type ChromiumSearch =
  { found: true; source: ChromiumSource; executablePath: string } | { found: false; problem?: string };

/** Names a system Chromium or Chrome goes by on Linux distributions. */
export const systemChromiumNames = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export interface SearchPlaces {
  env: Record<string, string | undefined>;
  /** Where Playwright keeps (or would keep) its own Chromium. */
  playwrightChromiumPath: string | undefined;
  isExecutable?: (file: string) => boolean;
}

export function findChromium({
  env,
  playwrightChromiumPath,
  isExecutable = canExecute,
}: SearchPlaces): ChromiumSearch {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    return isExecutable(fromEnv)
      ? { found: true, source: 'CHROMIUM_PATH', executablePath: fromEnv }
      : {
          found: false,
          problem: `CHROMIUM_PATH is set to ${fromEnv}, but there is no browser there that can run`,
        };
  }
  const directories = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of systemChromiumNames) {
    for (const directory of directories) {
      const candidate = path.join(directory, name);
      if (isExecutable(candidate)) return { found: true, source: 'system', executablePath: candidate };
    }
  }
  if (playwrightChromiumPath && isExecutable(playwrightChromiumPath))
    return { found: true, source: 'playwright', executablePath: playwrightChromiumPath };
  return { found: false };
}

function canExecute(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
