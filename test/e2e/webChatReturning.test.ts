import { expect } from 'chai';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from './chromium.js';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { projectRoot } from '../../src/paths.js';
import { fixedClock } from '../clocks.js';

const artifacts = join(projectRoot, 'test-artifacts');
/** A common phone screen (CSS pixels). */
const phone = { width: 390, height: 844 };

/**
 * Coming back in Debian Chromium: the page keeps the conversation in the browser, so a reload
 * goes on with it (book, reload, move); "Nieuw gesprek" forgets it. Also the phone layout of the
 * offered times: three compact cards above the fold.
 */
describe('the web chat page remembers the conversation (Chromium)', function () {
  this.timeout(120_000);
  let app: App;
  let url: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      clock: fixedClock(),
      log: createLogger('silent'),
    });
    url = await app.listen();
    ({ context, profile } = await launchChromium(phone));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  after(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const bubble = (text: string | RegExp) =>
    page.locator('.webchat__bubble__content', { hasText: text });
  const press = async (title: string) => {
    const button = page.locator('button', { hasText: title }).last();
    await button.waitFor({ timeout: 15_000 });
    await button.click();
  };
  const type = async (text: string) => {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  };
  const scrolledToEnd = () =>
    page.waitForFunction(() => {
      const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
      return !scroller || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    });

  it('shows the three offered times as compact cards above the fold of a 390×844 phone', async () => {
    await page.goto(url);
    await bubble(/computer/i)
      .first()
      .waitFor({ timeout: 15_000 });
    // The header says how long the browser keeps the conversation, with the way out.
    expect(await page.locator('#page-header').textContent()).to.include(
      'Deze browser onthoudt het gesprek 14 dagen.',
    );
    await press('Ik wil werk');
    for (let question = 0; question < 4; question++) {
      await bubble(/\?/).last().waitFor();
      await press('Sla over');
    }
    await press('Maakt niet uit');
    const choose = page.locator('button', { hasText: 'Kies deze tijd' });
    await choose.nth(2).waitFor({ timeout: 15_000 });
    await scrolledToEnd();
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'webchat-phone-offer.png') });

    // All three buttons, and the three times above them, are on the screen at once.
    const times = page.locator('.ac-textBlock', { hasText: /^Tijd \d: / });
    expect(await times.count()).to.equal(3);
    for (let n = 0; n < 3; n++) {
      for (const part of [choose.nth(n), times.nth(n)]) {
        const box = await part.boundingBox();
        expect(box, `card ${n + 1}`).to.not.equal(null);
        expect(box!.y, `card ${n + 1} top`).to.be.at.least(0);
        expect(box!.y + box!.height, `card ${n + 1} bottom`).to.be.at.most(phone.height);
      }
    }
    // Each coach's introduction once, not on every card.
    const intros = await page.locator('.ac-textBlock', { hasText: /^Ik ben / }).allTextContents();
    expect(intros.length).to.be.within(1, 3);
    expect(new Set(intros).size).to.equal(intros.length);
    // "Kies deze tijd" is not smaller than the text on the cards.
    const fontSizes = (selector: string) =>
      page.$$eval(selector, (all) => all.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    const sizes = {
      button: Math.min(...(await fontSizes('.ac-pushButton'))),
      text: Math.max(...(await fontSizes('.ac-textBlock'))),
    };
    console.log(`    card button ${sizes.button}px, largest card text ${sizes.text}px`);
    expect(sizes.button).to.be.at.least(sizes.text);
  });

  it('books, is reloaded, still knows the meeting and moves it', async () => {
    await page.locator('button', { hasText: 'Kies deze tijd' }).first().click();
    await press('Op locatie');
    await press('Ja');
    await bubble('Gelukt!').waitFor({ timeout: 15_000 });

    await page.reload();
    // The same conversation: what was said before is shown again, and the bot knows the meeting.
    await bubble('Gelukt!').waitFor({ timeout: 15_000 });
    await type('ik wil mijn afspraak verzetten');
    await bubble(/^Uw afspraak is nu: .* Ik zoek een nieuwe tijd/).waitFor({ timeout: 15_000 });
    expect(problems, 'console errors').to.deep.equal([]);
  });

  it('forgets the conversation on "Nieuw gesprek", for a shared computer', async () => {
    await page.locator('header button[data-new-conversation]').click();
    await page.waitForLoadState('load');
    await bubble(/computer/i)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await bubble('Gelukt!').count()).to.equal(0);
    await type('afspraak verzetten');
    await bubble('U heeft nu geen afspraak bij ons.').waitFor({ timeout: 15_000 });
  });

  it("shows the team's phone number as a tappable tel: link", async () => {
    await type('bel mij');
    await bubble(/telefoonnummer bewaren/).waitFor({ timeout: 15_000 });
    await type('nee');
    const link = page.locator('.webchat__bubble__content a[href^="tel:"]').last();
    await link.waitFor({ timeout: 15_000 });
    expect(await link.getAttribute('href')).to.equal('tel:140000');
  });
});
