import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { projectRoot } from '../../src/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const artifacts = join(projectRoot, 'test-artifacts');

/** The web chat page in Debian Chromium, against the real app. */
describe('the web chat page in Chromium', function () {
  this.timeout(60_000);
  let app: App;
  let url: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const otherOrigins: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      const install = 'apt-get install -y chromium';
      // CI must never skip this: .ci/run installs Chromium, so a missing one is a failure there.
      if (process.env.CI === 'true')
        throw new Error(`no Chromium at ${CHROMIUM} in CI; .ci/run should have run: ${install}`);
      console.log(`    skipped: no Chromium at ${CHROMIUM}. Install it with: ${install}`);
      this.skip();
    }
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      log: createLogger('silent'),
    });
    url = await app.listen();
    profile = mkdtempSync(join(tmpdir(), 'voordeur-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 390, height: 780 },
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
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      const target = new URL(request.url());
      // blob: URLs carry their creator's origin; data: URLs have none and fetch nothing.
      if (target.protocol !== 'data:' && target.origin !== new URL(url).origin) {
        otherOrigins.push(request.url());
      }
    });
  });

  after(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Web Chat scrolls smoothly: wait until the transcript rests at the bottom before a screenshot. */
  const scrolledToEnd = () =>
    page.waitForFunction(() => {
      const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
      return !scroller || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    });

  const bubble = (text: RegExp) => page.locator('.webchat__bubble__content', { hasText: text });

  it('greets in Dutch, answers a suggested action, follows the language, and passes axe', async () => {
    const started = Date.now();
    await page.goto(url);
    expect(await page.title()).to.match(/^Chat met /);
    await bubble(/computer/i)
      .first()
      .waitFor({ timeout: 15_000 });
    const greetingShownMs = Date.now() - started;
    expect(await page.locator('html').getAttribute('lang')).to.equal('nl-NL');

    const bubblesBefore = await page.locator('.webchat__bubble__content').count();
    const firstAction = page.locator('button.webchat__suggested-actions__button').first();
    await firstAction.waitFor();
    await firstAction.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.webchat__bubble__content').length >= n + 2,
      bubblesBefore,
    );

    mkdirSync(artifacts, { recursive: true });
    await scrolledToEnd();
    await page.screenshot({ path: join(artifacts, 'webchat-nl.png') });

    const input = page.locator('[data-id="webchat-sendbox-input"]');
    const bubblesBeforeEnglish = await page.locator('.webchat__bubble__content').count();
    await input.fill('English');
    await input.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang.startsWith('en'), undefined, {
      timeout: 10_000,
    });
    await page.waitForFunction(
      (n) => document.querySelectorAll('.webchat__bubble__content').length >= n + 2,
      bubblesBeforeEnglish,
    );
    expect(await input.getAttribute('placeholder')).to.match(/message/i);
    await scrolledToEnd();
    await page.screenshot({ path: join(artifacts, 'webchat-en.png') });

    // axe-core, evaluated through DevTools (the page's CSP rightly refuses injected scripts).
    await page.evaluate(
      readFileSync(join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'),
    );
    const violations = await page.evaluate(async () => {
      const { axe } = window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> };
      };
      return (await axe.run()).violations.map((v) => `${v.id} (${v.impact})`);
    });
    expect(violations, 'axe-core accessibility violations').to.deep.equal([]);

    console.log(`    greeting visible ${greetingShownMs} ms after navigation`);

    expect(problems, 'console errors (CSP violations show up here)').to.deep.equal([]);
    expect(otherOrigins, 'requests to other origins').to.deep.equal([]);
  });
});
