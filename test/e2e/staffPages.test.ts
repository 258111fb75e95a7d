import { expect } from 'chai';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from './chromium.js';
import type { App } from '../../src/app.js';
import { projectRoot } from '../../src/paths.js';
import { startApp } from '../staff/harness.js';

/** Committed: the README's section for coaches and team leads shows these. */
// The README's screenshots are refreshed on purpose (UPDATE_SCREENSHOTS=1 npm test), never as a
// side effect of a test run; otherwise they go with the other test artifacts.
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? join(projectRoot, 'docs', 'screenshots')
  : join(projectRoot, 'test-artifacts', 'screenshots');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The staff pages in Debian Chromium, against the real app, for each role: the resident side
 * is the real web chat in the same browser, so what a coach or team member sees is what a
 * resident just did.
 */
describe('the staff pages in Chromium, for each role', function () {
  this.timeout(120_000);
  let app: App;
  let url: string;
  let profile: string;
  let context: BrowserContext;
  const problems: string[] = [];
  /** What the resident's confirmation said: "donderdag 26 november om 10:00", and the coach. */
  let booked: { day: string; time: string; coach: string } | undefined;

  before(async function () {
    skipWithoutChromium(this);
    ({ app, url } = await startApp());
    ({ context, profile } = await launchChromium({ width: 1280, height: 900 }));
    context.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    context.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

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

  /** Logs in with the local login form, with the keyboard where it matters. */
  async function logIn(
    role: 'Coach' | 'Team' | 'Teamleider',
    name: string,
    coach?: string,
  ): Promise<Page> {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(new URL('staff', url).toString());
    await page.waitForURL(/\/staff\/inloggen/);
    await page.getByLabel('Uw naam').fill(name);
    await page.getByLabel(role, { exact: true }).check();
    if (coach) await page.getByLabel(/^Coach \(alleen/).selectOption({ label: coach });
    await page.getByRole('button', { name: 'Inloggen' }).press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/staff/inloggen'));
    return page;
  }

  /** A resident in the web chat, clicking through to a booked first meeting. */
  async function residentBooks(): Promise<{ day: string; time: string; coach: string }> {
    const chat = await context.newPage();
    await chat.goto(url);
    const press = async (title: string) => {
      const button = chat.locator('button', { hasText: title }).last();
      await button.waitFor({ timeout: 15_000 });
      await button.click();
    };
    await press('Ik wil werk');
    for (let question = 0; question < 4; question++) {
      await chat.locator('.webchat__bubble__content', { hasText: /\?/ }).last().waitFor();
      await press('Sla over');
    }
    await press('Maakt niet uit');
    await chat.locator('button', { hasText: 'Kies deze tijd' }).first().click({ timeout: 15_000 });
    await press('Op locatie');
    await press('Ja');
    const done = chat.locator('.webchat__bubble__content', { hasText: 'Gelukt!' });
    await done.waitFor({ timeout: 15_000 });
    const said = (await chat.locator('.webchat__bubble__content').allTextContents()).join('\n');
    const match = /(\p{L}+dag \d{1,2} \p{L}+) om (\d{2}:\d{2})[^\n]*?met (\p{Lu}\p{L}+)/u.exec(
      said,
    );
    await chat.close();
    if (!match) throw new Error(`no booking confirmation in: ${said.slice(-400)}`);
    return { day: match[1] ?? '', time: match[2] ?? '', coach: match[3] ?? '' };
  }

  it('the login page has the local-login banner, works with the keyboard and passes axe', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(new URL('staff/inloggen', url).toString());
    expect(await page.locator('.banner').textContent()).to.match(/Lokale inlog/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal(
      'Naar de inhoud',
    );
    expect(await axeViolations(page), 'axe on the login page').to.deep.equal([]);
    await page.screenshot({ path: join(screenshots, 'inloggen.png'), fullPage: true });
    await page.close();
  });

  it('the funnel starts empty for the week', async () => {
    const page = await logIn('Teamleider', 'Lotte');
    await page.goto(new URL('staff/cijfers', url).toString());
    expect(await page.locator('#grafiek-kanaal-desc').textContent()).to.include(
      'Afspraak gemaakt: 0',
    );
    await page.close();
  });

  it('a coach sees the meeting a resident just booked in the web chat, with the handoff (phone screen)', async () => {
    booked = await residentBooks();
    const page = await logIn('Coach', booked.coach, booked.coach);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(new URL('staff/afspraken', url).toString());
    const card = page.locator('article.card', { hasText: `${booked.day}, ${booked.time}` });
    await card.waitFor();
    expect(await card.textContent()).to.include('op locatie');
    expect(await card.locator('dd', { hasText: 'werk' }).count()).to.be.greaterThan(0);
    const width = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(width[0], 'nothing wider than the phone screen').to.be.at.most(width[1] ?? 0);
    expect(await axeViolations(page), 'axe on the coach page').to.deep.equal([]);
    await page.screenshot({ path: join(screenshots, 'coach-afspraken.png'), fullPage: true });

    // A short note for the team, with the keyboard.
    await card.getByLabel('Korte notitie voor het team').fill('Bel even vooraf.');
    await card.getByRole('button', { name: 'Opslaan' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[role=status]', { hasText: 'Opgeslagen.' }).waitFor();
    expect(await page.locator('textarea', { hasText: 'Bel even vooraf.' }).count()).to.equal(1);
    await page.close();
  });

  it('a team member claims a call-back a resident asked for in the chat, and marks it done', async () => {
    const chat = await context.newPage();
    await chat.goto(url);
    // Another resident at the same computer: the page would resume the first one's conversation.
    await Promise.all([
      chat.waitForEvent('load'),
      chat.getByRole('button', { name: 'Nieuw gesprek' }).click(),
    ]);
    await chat
      .locator('button.webchat__suggested-actions__button')
      .first()
      .waitFor({ timeout: 15_000 });
    const input = chat.locator('[data-id="webchat-sendbox-input"]');
    const say = async (text: string, expectReply: RegExp) => {
      await input.fill(text);
      await input.press('Enter');
      await chat
        .locator('.webchat__bubble__content', { hasText: expectReply })
        .last()
        .waitFor({ timeout: 15_000 });
    };
    await say('bel mij', /telefoonnummer bewaren/);
    await say('ja', /Wat is uw telefoonnummer/);
    await say('06 12345678', /Wanneer kunnen we u/);
    await say('dinsdag in de ochtend', /Iemand van ons team belt u/);
    await chat.close();

    const page = await logIn('Team', 'Tom');
    expect(new URL(page.url()).pathname).to.equal('/staff/terugbellen');
    const item = page.locator('li.card', { hasText: 'dinsdag in de ochtend' });
    await item.waitFor();
    expect(await item.textContent()).to.include('+31612345678');
    expect(await axeViolations(page), 'axe on the call-back queue').to.deep.equal([]);
    await item.getByRole('button', { name: 'Oppakken' }).click();
    await page
      .locator('li.card', { hasText: 'dinsdag in de ochtend' })
      .locator('dd', { hasText: 'Opgepakt' })
      .waitFor();
    await page.screenshot({ path: join(screenshots, 'team-terugbellen.png'), fullPage: true });
    await page
      .locator('li.card', { hasText: 'dinsdag in de ochtend' })
      .getByRole('button', { name: 'Gebeld, klaar' })
      .click();
    await page.getByText('Niemand wacht op een telefoontje.').waitFor();

    // The conversation shows up for review, as a call-back, without the resident's words.
    await page.goto(new URL('staff/gesprekken?stand=callback', url).toString());
    const row = page.locator('tbody tr').first();
    expect(await row.textContent()).to.include('Terugbellen');
    expect(await axeViolations(page), 'axe on the summaries').to.deep.equal([]);
    await page.screenshot({ path: join(screenshots, 'team-gesprekken.png'), fullPage: true });
    await row.locator('a').click();
    await page.getByRole('heading', { name: 'Gesprek' }).waitFor();
    const detail = (await page.locator('main').textContent()) ?? '';
    expect(detail).to.include('Terugbelverzoek gemaakt');
    expect(detail).not.to.include('+31612345678');
    expect(detail).not.to.include('dinsdag in de ochtend');
    expect(await axeViolations(page), 'axe on a summary').to.deep.equal([]);
    await page.close();
  });

  it('the funnel counts the booking: chart with a text alternative, the numbers in a table, printable', async () => {
    const page = await logIn('Teamleider', 'Lotte');
    await page.goto(new URL('staff/cijfers', url).toString());
    const description = (await page.locator('#grafiek-kanaal-desc').textContent()) ?? '';
    expect(description).to.include('Afspraak gemaakt: 1');
    expect(description).to.match(/Contact: [2-9]/);
    expect(description).to.include('Vroeg om afspraak: 1');
    expect(await page.locator('svg[role=img]').count()).to.equal(2);
    const webchatRow = page.locator('table').first().locator('tr', { hasText: 'Webchat' });
    expect(await webchatRow.locator('td').nth(2).textContent()).to.match(/^1/);
    expect(await axeViolations(page), 'axe on the funnel').to.deep.equal([]);
    await page.screenshot({ path: join(screenshots, 'lead-cijfers.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav[aria-label=Menu]').isVisible(), 'no menu on paper').to.equal(
      false,
    );
    expect(await page.locator('svg[role=img]').first().isVisible()).to.equal(true);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(new URL('staff/beheer', url).toString());
    expect(await page.locator('li.card', { hasText: booked?.coach ?? '?' }).count()).to.equal(1);
    expect(await axeViolations(page), 'axe on administration').to.deep.equal([]);
    await page.screenshot({ path: join(screenshots, 'lead-beheer.png'), fullPage: true });
    await page.goto(new URL('staff/logboek', url).toString());
    expect(await page.locator('main').textContent()).to.include('Terugbelverzoek opgepakt');
    expect(await axeViolations(page), 'axe on the audit log').to.deep.equal([]);
    await page.close();
    expect(problems, 'console errors (CSP violations show up here)').to.deep.equal([]);
  });
});
