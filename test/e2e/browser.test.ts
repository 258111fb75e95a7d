import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
      console.log(
        `    skipped: no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`,
      );
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
      if (!request.url().startsWith(url) && !request.url().startsWith('data:')) {
        otherOrigins.push(request.url());
      }
    });
  });

  after(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const bubble = (text: RegExp) => page.locator('.webchat__bubble__content', { hasText: text });

  it('greets in Dutch, answers a suggested action, and follows the language', async () => {
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
    await page.screenshot({ path: join(artifacts, 'webchat-nl.png') });

    const input = page.locator('.webchat__send-box-text-box__input');
    await input.fill('English');
    await input.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang.startsWith('en'), undefined, {
      timeout: 10_000,
    });
    await page.screenshot({ path: join(artifacts, 'webchat-en.png') });
    console.log(`    greeting visible ${greetingShownMs} ms after navigation`);

    expect(problems, 'console errors (CSP violations show up here)').to.deep.equal([]);
    expect(otherOrigins, 'requests to other origins').to.deep.equal([]);
  });
});
