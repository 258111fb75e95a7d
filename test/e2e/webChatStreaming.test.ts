import { expect } from 'chai';
import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from './chromium.js';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { fixedClock } from '../clocks.js';

/** Messages sent per round (two rounds per mode); each is answered with a short text. */
const MESSAGES = 8;
const MESSAGE = 'afspraak verzetten';
const ANSWER = 'U heeft nu geen afspraak bij ons.';

type Mode = 'streaming' | 'polling';

/**
 * Web Chat in Debian Chromium against the real app, once streaming (the page as served: the
 * Direct Line WebSocket) and once polling (the same page with `webSocket: false` and the 250 ms
 * polling it had before). For each message: the time from pressing send to the bot's answer on
 * screen, measured in the page (`performance.now()` and a MutationObserver). The figures are
 * printed, not asserted: timing thresholds do not belong in tests on a shared machine. What is
 * asserted is how the answers came: over the WebSocket, with no poll served while it was open.
 */
describe('web chat answers over the Direct Line stream (Chromium)', function () {
  this.timeout(180_000);
  let app: App;
  let url: string;
  let profile: string;
  let context: BrowserContext;
  /** Requests the server answered per mode: polls of the activities, and stream upgrades. */
  const served: Record<Mode, { polls: number; upgrades: number }> = {
    streaming: { polls: 0, upgrades: 0 },
    polling: { polls: 0, upgrades: 0 },
  };
  let mode: Mode = 'streaming';
  const timings: Record<Mode, number[]> = { streaming: [], polling: [] };
  const problems: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      clock: fixedClock(),
      log: createLogger('silent'),
    });
    // Counted on the server, before routing: every poll, whoever sends it.
    app.server.pre((req, _res, next) => {
      if (
        req.method === 'GET' &&
        /^\/v3\/directline\/conversations\/[^/]+\/activities/.test(req.url ?? '')
      ) {
        served[mode].polls++;
      }
      return next();
    });
    app.server.server.prependListener('upgrade', () => {
      served[mode].upgrades++;
    });
    url = await app.listen();
    ({ context, profile } = await launchChromium({ width: 800, height: 900 }));
    // Every page a conversation of its own.
    await context.addInitScript(() => localStorage.clear());
  });

  after(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** A page with the chat open and greeted; polling: the page's script with `webSocket: false`. */
  async function openChat(as: Mode): Promise<{ page: Page; socketSets: () => number }> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    if (as === 'polling') {
      await page.route('**/chat.js', async (route) => {
        const response = await route.fetch();
        const script = (await response.text()).replace(
          'webSocket: true,',
          'webSocket: false, pollingInterval: 250,',
        );
        expect(script).to.contain('webSocket: false');
        await route.fulfill({ response, body: script });
      });
    }
    // Activity sets that arrived over a Direct Line stream.
    let sets = 0;
    page.on('websocket', (ws) => {
      if (!/\/v3\/directline\/conversations\/[^/]+\/stream\?/.test(ws.url())) return;
      ws.on('framereceived', (frame) => {
        if (String(frame.payload).includes('"activities"')) sets++;
      });
    });
    await page.goto(url);
    await page
      .locator('.webchat__bubble__content', { hasText: /computer/i })
      .first()
      .waitFor({ timeout: 15_000 });
    return { page, socketSets: () => sets };
  }

  /** Milliseconds from pressing send to the next bot message on screen, timed in the page. */
  async function timeOneAnswer(page: Page): Promise<number> {
    await page.locator('[data-id="webchat-sendbox-input"]').fill(MESSAGE);
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    const ms = await page.evaluate((answer) => {
      const answers = 'webchat__bubble:not(.webchat__bubble--from-user)';
      const before = Array.from(document.getElementsByClassName('webchat__bubble')).filter(
        (bubble) => bubble.matches(`.${answers}`) && bubble.textContent?.includes(answer),
      ).length;
      const send = document.querySelector<HTMLButtonElement>('button.webchat__send-button');
      if (!send) throw new Error('no send button');
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
        let start = 0;
        const observer = new MutationObserver(() => {
          const shown = Array.from(document.getElementsByClassName('webchat__bubble')).filter(
            (bubble) => bubble.matches(`.${answers}`) && bubble.textContent?.includes(answer),
          ).length;
          if (shown > before) {
            const ms = performance.now() - start;
            observer.disconnect();
            clearTimeout(timer);
            resolve(ms);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        start = performance.now();
        send.click();
      });
    }, ANSWER);
    // The rest of the turn (the menu after the answer) arrives before the next message.
    await page.waitForTimeout(400);
    return ms;
  }

  async function round(as: Mode): Promise<void> {
    mode = as;
    const { page, socketSets } = await openChat(as);
    const pollsBefore = served[as].polls;
    const setsBefore = socketSets();
    for (let n = 0; n < MESSAGES; n++) timings[as].push(await timeOneAnswer(page));
    if (as === 'streaming') {
      // Every answer came over the WebSocket: at least one activity set per message, and not a
      // single poll while the socket was open.
      expect(socketSets() - setsBefore).to.be.at.least(MESSAGES);
      expect(served.streaming.polls - pollsBefore, 'polls while streaming').to.equal(0);
    } else {
      expect(socketSets(), 'stream messages while polling').to.equal(0);
      expect(served.polling.polls - pollsBefore, 'polls while polling').to.be.above(MESSAGES);
    }
    await page.close();
  }

  it('shows answers pushed over the WebSocket, without polling; prints both timings', async () => {
    // ABBA, so a machine that gets busier or quieter during the run favours neither.
    for (const as of ['streaming', 'polling', 'polling', 'streaming'] as const) await round(as);

    expect(served.streaming.upgrades, 'stream upgrades').to.be.at.least(2);
    expect(served.streaming.polls, 'polls while streaming').to.equal(0);
    expect(served.polling.upgrades, 'upgrades while polling').to.equal(0);
    expect(timings.streaming).to.have.length(2 * MESSAGES);
    expect(timings.polling).to.have.length(2 * MESSAGES);
    for (const as of ['streaming', 'polling'] as const) {
      const { median, p90 } = summary(timings[as]);
      console.log(
        `    ${as.padEnd(9)} send → answer on screen, ${timings[as].length} messages: median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms`,
      );
    }
    expect(problems, 'console errors').to.deep.equal([]);
  });
});

/** Median (the middle two averaged) and 90th percentile (nearest rank). */
function summary(values: number[]): { median: number; p90: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? NaN)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return { median, p90: rank(0.9) };
}
