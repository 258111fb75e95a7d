import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Without Chromium a developer's run says so and skips; under CI=true a missing Chromium is a
 * failure, never a silent skip.
 */
export function skipWithoutChromium(test: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  const install = 'apt-get install -y chromium';
  if (process.env.CI === 'true') {
    throw new Error(`no Chromium at ${CHROMIUM} in CI; .ci/run should have run: ${install}`);
  }
  console.log(`    skipped: no Chromium at ${CHROMIUM}. Install it with: ${install}`);
  test.skip();
}

/**
 * Headless Chromium with a fresh profile. The flags keep it off the network, which this machine
 * closes (see the platform notes); the caller removes `profile` when done.
 */
export async function launchChromium(viewport: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'voordeur-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { context, profile };
}
