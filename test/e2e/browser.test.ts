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

  it('plans a meeting with clicks alone, on a phone-sized screen, and offers the calendar file', async () => {
    const planning = await context.newPage();
    await planning.goto(url);
    const press = async (title: string) => {
      const button = planning.locator('button', { hasText: title }).last();
      await button.waitFor({ timeout: 15_000 });
      await button.click();
    };
    await press('Ik wil werk');
    for (let question = 0; question < 4; question++) {
      await planning.locator('.webchat__bubble__content', { hasText: /\?/ }).last().waitFor();
      await press('Sla over');
    }
    await press('Maakt niet uit');
    const choose = planning.locator('button', { hasText: 'Kies deze tijd' }).first();
    await choose.waitFor({ timeout: 15_000 });
    // Every card shows its whole time: the title wraps instead of being cut off.
    const title = await planning
      .locator('.ac-textBlock')
      .first()
      .evaluate((e) => getComputedStyle(e).whiteSpace);
    expect(title).not.to.equal('nowrap');
    const width = await planning.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(width[0], 'nothing wider than the phone screen').to.be.at.most(width[1]!);
    await choose.click();
    await press('Op locatie');
    await press('Ja');
    const download = planning.locator('a[download$=".ics"]');
    await download.waitFor({ timeout: 15_000 });
    expect(await download.getAttribute('href')).to.match(/^data:text\/calendar;/);
    await planning.locator('.webchat__bubble__content', { hasText: 'Gelukt!' }).waitFor();
    mkdirSync(artifacts, { recursive: true });
    await planning.screenshot({ path: join(artifacts, 'webchat-booked.png') });
    await planning.close();
  });
});
