import { expect } from 'chai';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from './chromium.js';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { projectRoot } from '../../src/paths.js';
import { fixedClock } from '../clocks.js';

const artifacts = join(projectRoot, 'test-artifacts');
/** WCAG 2.0 and 2.1, levels A and AA. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The web chat page in Debian Chromium, against the real app. */
describe('the web chat page in Chromium', function () {
  this.timeout(90_000);
  let app: App;
  let url: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const otherOrigins: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      clock: fixedClock(),
      log: createLogger('silent'),
    });
    url = await app.listen();
    ({ context, profile } = await launchChromium({ width: 390, height: 780 }));
    // The page keeps one conversation per browser (webChatReturning.test.ts); these tests give
    // every tab a conversation of its own, as if each were another resident's browser.
    await context.addInitScript(() => {
      if (sessionStorage.getItem('fresh-tab')) return;
      localStorage.clear();
      sessionStorage.setItem('fresh-tab', '1');
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
  const scrolledToEnd = (on: Page = page) =>
    on.waitForFunction(() => {
      const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
      return !scroller || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    });

  const bubble = (text: RegExp, on: Page = page) =>
    on.locator('.webchat__bubble__content', { hasText: text });

  const bubbleCount = (on: Page) => on.locator('.webchat__bubble__content').count();

  /** Waits until at least `n` more bubbles than `before` are shown. */
  const moreBubbles = (on: Page, before: number, n = 1) =>
    on.waitForFunction(
      ([count, more]) =>
        document.querySelectorAll('.webchat__bubble__content').length >= count + more,
      [before, n] as const,
      { timeout: 15_000 },
    );

  /**
   * axe-core with the WCAG 2.0 and 2.1 A and AA rules, evaluated through DevTools (the page's
   * CSP rightly refuses injected scripts). Returns each violation with the elements it found.
   */
  async function axeViolations(on: Page): Promise<string[]> {
    await on.evaluate(readFileSync(join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    return on.evaluate(async (tags) => {
      interface Result {
        violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[];
      }
      const { axe } = window as unknown as {
        axe: { run(context: Document, options: unknown): Promise<Result> };
      };
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`,
      );
    }, wcagTags);
  }

  it('greets in Dutch, with lang and dir set, and passes axe (WCAG 2.1 A and AA)', async () => {
    const started = performance.now();
    await page.goto(url);
    expect(await page.title()).to.match(/^Chat met /);
    await bubble(/computer/i)
      .first()
      .waitFor({ timeout: 15_000 });
    const greetingShownMs = performance.now() - started;
    expect(await page.locator('html').getAttribute('lang')).to.equal('nl-NL');
    expect(await page.locator('html').getAttribute('dir')).to.equal('ltr');
    await page.locator('button.webchat__suggested-actions__button').first().waitFor();

    expect(await axeViolations(page), 'axe-core violations in Dutch').to.deep.equal([]);
    console.log(`    greeting visible ${greetingShownMs} ms after navigation`);
  });

  it('answers a suggested action and follows English, header included', async () => {
    const bubblesBefore = await bubbleCount(page);
    const firstAction = page.locator('button.webchat__suggested-actions__button').first();
    await firstAction.click();
    await moreBubbles(page, bubblesBefore, 2);

    mkdirSync(artifacts, { recursive: true });
    await scrolledToEnd();
    await page.screenshot({ path: join(artifacts, 'webchat-nl.png') });

    const input = page.locator('[data-id="webchat-sendbox-input"]');
    const bubblesBeforeEnglish = await bubbleCount(page);
    await input.fill('English');
    await input.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang.startsWith('en'), undefined, {
      timeout: 10_000,
    });
    await moreBubbles(page, bubblesBeforeEnglish, 2);
    expect(await input.getAttribute('placeholder')).to.match(/message/i);
    expect(await page.locator('header h1').textContent()).to.match(/^Chat with /);
    expect(await page.title()).to.match(/^Chat with /);
    await scrolledToEnd();
    await page.screenshot({ path: join(artifacts, 'webchat-en.png') });

    expect(problems, 'console errors (CSP violations show up here)').to.deep.equal([]);
    expect(otherOrigins, 'requests to other origins').to.deep.equal([]);
  });

  it('writes Arabic right to left, in its own words, and passes axe in Arabic', async () => {
    const arabic = await context.newPage();
    await arabic.goto(url);
    await bubble(/computer/i, arabic)
      .first()
      .waitFor({ timeout: 15_000 });
    const input = arabic.locator('[data-id="webchat-sendbox-input"]');
    const before = await bubbleCount(arabic);
    await input.fill('العربية');
    await input.press('Enter');
    await arabic.waitForFunction(() => document.documentElement.dir === 'rtl', undefined, {
      timeout: 10_000,
    });
    await moreBubbles(arabic, before, 4);
    await bubble(/كيف يمكنني مساعدتك/, arabic)
      .last()
      .waitFor();
    await arabic.locator('button.webchat__suggested-actions__button').first().waitFor();

    expect(await arabic.locator('html').getAttribute('lang')).to.equal('ar-EG');
    // The header speaks Arabic too, and the transcript runs right to left.
    expect(await arabic.locator('header h1').textContent()).to.include('محادثة مع البلدية');
    expect(await arabic.locator('#webchat').getAttribute('aria-label')).to.equal('المحادثة');
    const direction = await arabic
      .locator('.webchat__basic-transcript')
      .evaluate((e) => getComputedStyle(e).direction);
    expect(direction).to.equal('rtl');
    expect(await input.getAttribute('placeholder')).to.match(/\p{Script=Arabic}/u);

    expect(await axeViolations(arabic), 'axe-core violations in Arabic').to.deep.equal([]);
    mkdirSync(artifacts, { recursive: true });
    await scrolledToEnd(arabic);
    await arabic.screenshot({ path: join(artifacts, 'webchat-ar.png') });
    await arabic.close();
  });

  it('plans a meeting with the keyboard alone: Tab, Shift+Tab, arrows in a toolbar, Enter, typing', async () => {
    const kb = await context.newPage();
    await kb.goto(url);
    const focused = () =>
      kb.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return { text: (e?.textContent ?? '').trim(), className: String(e?.className ?? '') };
      });
    const suggestedActions = kb.locator('button.webchat__suggested-actions__button');
    /** Waits for the next question's buttons: the first button's title changes. */
    const nextQuestion = async (previousFirst: string | null) => {
      await kb.waitForFunction(
        (previous) => {
          const first = document.querySelector('button.webchat__suggested-actions__button');
          return first !== null && first.textContent !== previous;
        },
        previousFirst,
        { timeout: 15_000 },
      );
    };
    /**
     * From the send box, Shift+Tab reaches the suggested actions: one stop, a toolbar whose
     * buttons the arrow keys move between (the WAI-ARIA toolbar pattern Web Chat follows).
     */
    const pressWithKeyboard = async (title: string) => {
      const first = await suggestedActions.first().textContent();
      await kb.locator('[data-id="webchat-sendbox-input"]').focus();
      await kb.keyboard.press('Shift+Tab');
      for (let step = 0; step < 10 && (await focused()).text !== title; step++) {
        await kb.keyboard.press('ArrowRight');
      }
      expect((await focused()).text).to.equal(title);
      await kb.keyboard.press('Enter');
      await nextQuestion(first);
    };

    // From the top of the page, Tab alone reaches the first suggested action.
    await suggestedActions.first().waitFor({ timeout: 15_000 });
    for (let step = 0; step < 12 && (await focused()).text !== 'Ik wil werk'; step++) {
      await kb.keyboard.press('Tab');
    }
    expect((await focused()).text).to.equal('Ik wil werk');
    const menuFirst = await suggestedActions.first().textContent();
    await kb.keyboard.press('Enter');
    await nextQuestion(menuFirst);

    await pressWithKeyboard('Sla over'); // what work
    await pressWithKeyboard('Sla over'); // what they do already
    // Typing works as well as a button.
    const first = await suggestedActions.first().textContent();
    await kb.locator('[data-id="webchat-sendbox-input"]').focus();
    await kb.keyboard.type('sla over');
    await kb.keyboard.press('Enter');
    await nextQuestion(first);
    await pressWithKeyboard('Sla over'); // where they live
    await pressWithKeyboard('Maakt niet uit');

    // The slot cards: Shift+Tab into the transcript, the arrow keys to the cards, Enter moves
    // into them, and Enter on "Kies deze tijd" chooses.
    await kb.locator('button', { hasText: 'Kies deze tijd' }).first().waitFor({ timeout: 15_000 });
    const slotFirst = await suggestedActions.first().textContent();
    await kb.locator('[data-id="webchat-sendbox-input"]').focus();
    for (
      let step = 0;
      step < 5 && !(await focused()).className.includes('basic-transcript ');
      step++
    ) {
      await kb.keyboard.press('Shift+Tab');
    }
    for (let step = 0; step < 6 && (await focused()).text !== 'Kies deze tijd'; step++) {
      await kb.keyboard.press('ArrowUp');
      await kb.keyboard.press('Enter');
    }
    expect((await focused()).text).to.equal('Kies deze tijd');
    await kb.keyboard.press('Enter');
    await nextQuestion(slotFirst);

    await pressWithKeyboard('Op locatie');
    await kb.locator('.webchat__bubble__content', { hasText: 'Klopt dat?' }).last().waitFor();
    const confirmFirst = await suggestedActions.first().textContent();
    await kb.locator('[data-id="webchat-sendbox-input"]').focus();
    await kb.keyboard.press('Shift+Tab');
    expect((await focused()).text).to.equal('Ja');
    await kb.keyboard.press('Enter');
    await kb
      .locator('.webchat__bubble__content', { hasText: 'Gelukt!' })
      .waitFor({ timeout: 15_000 });
    expect(
      await kb.locator('.webchat__bubble__content', { hasText: /om \d\d:\d\d/ }).count(),
    ).to.be.greaterThan(0);
    void confirmFirst;
    mkdirSync(artifacts, { recursive: true });
    await scrolledToEnd(kb);
    await kb.screenshot({ path: join(artifacts, 'webchat-keyboard-booked.png') });
    await kb.close();
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
