import { expect } from 'chai';
import { createRequire } from 'node:module';
import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { fixedClock } from '../clocks.js';

/**
 * "Wanneer komt het u goed uit?" as a resident types it, through the real app and the official
 * Direct Line client (polling, as Web Chat does): answers over several turns, reasons left out
 * and said back, typos, unions, negation and exact times. The clock stands still on Monday
 * 23 November 2026, 09:15 in Amsterdam.
 */
describe('time preferences in a conversation over the local Direct Line', function () {
  this.timeout(60_000);
  const globals = globalThis as Record<string, unknown>;
  const saved = { XMLHttpRequest: globals.XMLHttpRequest, WebSocket: globals.WebSocket };
  let app: App;
  let url: string;
  const lines: DirectLine[] = [];

  before(async () => {
    globals.XMLHttpRequest = createRequire(import.meta.url)('xhr2');
    globals.WebSocket ??= class NoWebSocket {};
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      clock: fixedClock(),
      log: createLogger('silent'),
    });
    url = await app.listen();
  });

  after(async () => {
    for (const line of lines) line.end();
    await app?.close();
    globals.XMLHttpRequest = saved.XMLHttpRequest;
    globals.WebSocket = saved.WebSocket;
  });

  /** A resident in a conversation of their own. */
  async function resident() {
    const generated = await fetch(`${url}v3/directline/tokens/generate`, { method: 'POST' });
    const { token } = (await generated.json()) as { token: string };
    const line = new DirectLine({
      token,
      domain: `${url}v3/directline`,
      webSocket: false,
      pollingInterval: 200,
    });
    lines.push(line);
    const received: Message[] = [];
    let notify = (): void => {};
    line.activity$.subscribe({
      next: (activity: Activity) => {
        if (activity.type === 'message' && activity.from.role === 'bot') {
          received.push(activity as Message);
          notify();
        }
      },
      error: (error: unknown) => {
        if (!/conversation ended/.test(String(error))) throw error;
      },
    });
    /** Every bot message in reply to `text`, once the one that asks something has come. */
    async function say(text: string, value?: unknown): Promise<Message[]> {
      const sentId = await new Promise<string>((resolve, reject) => {
        line
          .postActivity({
            type: 'message',
            from: { id: 'resident' },
            text,
            ...(value ? { value } : {}),
            locale: 'nl-NL',
          })
          .subscribe({ next: resolve, error: reject });
      });
      const replies = () =>
        received.filter((a) => (a as Message & { replyToId?: string }).replyToId === sentId);
      const deadline = Date.now() + 15_000;
      while (!replies().some((a) => (a.suggestedActions?.actions.length ?? 0) > 0)) {
        if (Date.now() > deadline) throw new Error(`no question after "${text}"`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, 200);
        });
      }
      return replies();
    }
    // The greeting, then straight to "Wanneer komt het u goed uit?".
    await new Promise<void>((resolve) => {
      const wait = () => (received.length > 0 ? resolve() : setTimeout(wait, 100));
      wait();
    });
    await say('intent:work');
    for (let i = 0; i < 4; i += 1) await say('skip');
    return { say };
  }

  const textOf = (replies: Message[]): string => replies.map((r) => r.text ?? '').join('\n');
  const buttonsOf = (replies: Message[]): string[] =>
    replies.flatMap((r) => r.suggestedActions?.actions.map((a) => String(a.title)) ?? []);
  /** The offered starts in Amsterdam wall time: "2026-11-24 Tue 12:00". */
  function startsOf(replies: Message[]): string[] {
    return replies
      .flatMap((r) => r.attachments ?? [])
      .map(
        (a) =>
          (
            (a as { content?: unknown }).content as {
              buttons?: Array<{ value?: { start?: string } }>;
            }
          ).buttons?.[0]?.value?.start,
      )
      .filter((start): start is string => typeof start === 'string')
      .map((start) => {
        const at = new Date(start);
        const part = (locale: string, options: Intl.DateTimeFormatOptions) =>
          new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Amsterdam', ...options }).format(at);
        const date = part('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit' });
        const weekday = part('en-GB', { weekday: 'short' });
        const time = part('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        return `${date} ${weekday} ${time}`;
      });
  }
  const minuteOf = (start: string): number => {
    const [h = '0', m = '0'] = (/(\d{2}):(\d{2})$/.exec(start) ?? []).slice(1);
    return Number(h) * 60 + Number(m);
  };

  it('reads a later answer together with the first: "dinsdagmiddag voor 3 uur", then "liever volgende week"', async () => {
    const { say } = await resident();
    const first = startsOf(await say('dinsdagmiddag voor 3 uur'));
    expect(first).to.not.have.length(0);
    for (const start of first) {
      expect(start).to.match(/ Tue /);
      expect(minuteOf(start)).to.be.within(12 * 60, 14 * 60);
    }
    const second = await say('liever volgende week');
    expect(textOf(second)).to.include(
      'U zei: dinsdag tussen 12:00 en 15:00, van 30 november tot en met 6 december.',
    );
    const starts = startsOf(second);
    expect(starts).to.not.have.length(0);
    for (const start of starts) {
      expect(start).to.match(/^2026-12-01 /); // Tuesday of next week, not Monday to Wednesday
      expect(minuteOf(start)).to.be.within(12 * 60, 14 * 60);
    }
  });

  it('keeps the "Dinsdag" button when "voor 3 uur" follows it', async () => {
    const { say } = await resident();
    await say('Dinsdag');
    const starts = startsOf(await say('voor 3 uur'));
    expect(starts).to.not.have.length(0);
    for (const start of starts) {
      expect(start).to.match(/ Tue /);
      expect(minuteOf(start)).to.be.below(14 * 60 + 1);
    }
  });

  it('says back what it understood when it left words out, and offers only after "Ja"', async () => {
    const { say } = await resident();
    const check = await say('kan alleen dinsdag na de middag, om 3 uur moet ik de kinderen halen');
    expect(textOf(check)).to.include('Ik begrijp: dinsdag tussen 12:00 en 15:00. Klopt dat?');
    expect(buttonsOf(check)).to.include.members(['Ja', 'Nee']);
    expect(startsOf(check)).to.have.length(0);
    const offer = await say('Ja');
    const starts = startsOf(offer);
    expect(starts).to.not.have.length(0);
    for (const start of starts) {
      expect(start).to.match(/^2026-1[12]-\d\d Tue /);
      expect(minuteOf(start)).to.be.within(12 * 60, 14 * 60);
    }
  });

  it('says what it read a typo as, and asks again on "Nee"', async () => {
    const { say } = await resident();
    const check = await say('dinsdagmidag');
    expect(textOf(check)).to.include('“dinsdagmidag” las ik als “dinsdagmiddag”.');
    expect(textOf(check)).to.include('Ik begrijp: dinsdag tussen 12:00 en 17:00. Klopt dat?');
    const again = await say('Nee');
    expect(textOf(again)).to.include('Wat bedoelt u dan?');
    expect(startsOf(again)).to.have.length(0);
  });

  it('offers both halves of "dinsdagochtend of donderdagmiddag", and never a Friday for "anytime but friday"', async () => {
    const { say } = await resident();
    const union = startsOf(await say('dinsdagochtend of donderdagmiddag'));
    expect(union).to.not.have.length(0);
    for (const start of union) {
      const tuesdayMorning = / Tue /.test(start) && minuteOf(start) < 12 * 60;
      const thursdayAfternoon = / Thu /.test(start) && minuteOf(start) >= 12 * 60;
      expect(tuesdayMorning || thursdayAfternoon, start).to.equal(true);
    }
    const { say: sayToo } = await resident();
    const notFriday = startsOf(await sayToo('anytime but friday'));
    expect(notFriday).to.not.have.length(0);
    for (const start of notFriday) expect(start).to.not.match(/ Fri /);
  });

  it('offers a meeting starting at 10:45 for "woensdag om kwart voor 11"', async () => {
    const { say } = await resident();
    const starts = startsOf(await say('woensdag om kwart voor 11'));
    expect(starts).to.not.have.length(0);
    for (const start of starts) expect(start).to.match(/ Wed 10:45$/);
  });

  it('says why "zaterdag" cannot be, with the earliest times that can', async () => {
    const { say } = await resident();
    const offer = await say('zaterdag');
    expect(textOf(offer)).to.include('Op die dag werken de coaches niet.');
    expect(startsOf(offer)).to.not.have.length(0);
  });

  it('says why "nu meteen" cannot be (the minimum notice), with the earliest times that can', async () => {
    const { say } = await resident();
    const offer = await say('nu meteen');
    expect(textOf(offer)).to.include(
      'Zo snel kan het niet. Er moet wat tijd zitten tussen nu en de afspraak.',
    );
    const starts = startsOf(offer);
    expect(starts).to.not.have.length(0);
    for (const start of starts) expect(start).to.not.match(/^2026-11-23 /);
  });
});
