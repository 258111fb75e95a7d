import { expect } from 'chai';
import { createRequire } from 'node:module';
import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { fixedClock } from '../clocks.js';

/**
 * A whole conversation through the real app and the official Direct Line client, polling the
 * local Direct Line surface the way Web Chat does.
 */
describe('a conversation over the local Direct Line (botframework-directlinejs)', () => {
  const globals = globalThis as Record<string, unknown>;
  const saved = { XMLHttpRequest: globals.XMLHttpRequest, WebSocket: globals.WebSocket };
  let app: App;
  let url: string;
  let directLine: DirectLine | undefined;
  const received: Activity[] = [];
  const waiters: { match: (a: Activity) => boolean; resolve: (a: Activity) => void }[] = [];

  /** A bot message that passes `match`, already received or still to come. */
  function fromBot(what: string, match: (a: Message) => boolean): Promise<Message> {
    const isIt = (a: Activity): a is Message =>
      a.type === 'message' && a.from.role === 'bot' && match(a as Message);
    const seen = received.find(isIt);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no bot message: ${what}`)), 10_000);
      waiters.push({
        match: isIt,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a as Message);
        },
      });
    });
  }

  /** Sends `text` and resolves to the bot's first reply to it. */
  async function say(text: string): Promise<{ sentId: string; reply: Message }> {
    const sentId = await new Promise<string>((resolve, reject) => {
      directLine
        ?.postActivity({
          type: 'message',
          from: { id: 'ignored-by-server' },
          text,
          locale: 'nl-NL',
        })
        .subscribe({ next: resolve, error: reject });
    });
    return {
      sentId,
      reply: await fromBot(
        `a reply to "${text}"`,
        (a) => (a as Message & { replyToId?: string }).replyToId === sentId,
      ),
    };
  }

  before(async () => {
    // botframework-directlinejs needs a browser's XHR (or it hangs silently) and a WebSocket
    // constructor to exist even with webSocket: false. Restored in after().
    globals.XMLHttpRequest = createRequire(import.meta.url)('xhr2');
    globals.WebSocket ??= class NoWebSocket {};
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      clock: fixedClock(),
      log: createLogger('silent'),
    });
    url = await app.listen();
  });

  after(async () => {
    directLine?.end();
    await app?.close();
    globals.XMLHttpRequest = saved.XMLHttpRequest;
    globals.WebSocket = saved.WebSocket;
  });

  it('greets first, says it is a computer, answers a button and switches to English', async () => {
    const generated = await fetch(`${url}v3/directline/tokens/generate`, { method: 'POST' });
    expect(generated.status).to.equal(200);
    const { token } = (await generated.json()) as { token: string };

    directLine = new DirectLine({
      token,
      domain: `${url}v3/directline`,
      webSocket: false,
      pollingInterval: 250,
    });
    directLine.activity$.subscribe({
      next: (activity) => {
        received.push(activity);
        for (const waiter of [...waiters]) {
          if (waiter.match(activity)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(activity);
          }
        }
      },
      // end() in after() ends the stream with "conversation ended"; without a handler rxjs
      // would throw it into whichever test runs next.
      error: (error: unknown) => {
        if (!/conversation ended/.test(String(error))) throw error;
      },
    });
    const hello = await fromBot('the greeting', (a) => /computer/i.test(a.text ?? ''));
    expect(hello.locale).to.equal('nl-NL');

    const work = await say('intent:work');
    expect(work.reply.text).to.be.a('string').and.not.equal('');
    expect(work.reply.locale).to.equal('nl-NL');
    // The resident's own message came back in the stream, as Web Chat needs.
    const echo = received.find((a) => a.id === work.sentId);
    expect(echo?.from.role).to.equal('user');

    const english = await say('lang:en');
    expect(english.reply.locale).to.match(/^en/);
    expect(english.reply.text).to.be.a('string').and.not.equal('');
  });
});
