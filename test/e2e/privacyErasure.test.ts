import { expect } from 'chai';
import { createRequire } from 'node:module';
import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { fixedClock } from '../clocks.js';
import { documentsWithoutTtl, everyDocument, tracesOf } from '../privacy/traces.js';

/**
 * A resident books a phone meeting, asks for a call-back, asks what is kept and has it all
 * erased — through the real app, its embedded Cosmos DB and the official Direct Line client.
 * Afterwards no container holds the numbers, the typed words or the conversation id.
 */
describe('seeing and erasing what is kept, over the local Direct Line', () => {
  const globals = globalThis as Record<string, unknown>;
  const saved = { XMLHttpRequest: globals.XMLHttpRequest, WebSocket: globals.WebSocket };
  let app: App;
  let url: string;
  let directLine: DirectLine | undefined;
  const received: Activity[] = [];
  const logLines: string[] = [];
  const waiters: { match: (a: Activity) => boolean; resolve: (a: Activity) => void }[] = [];

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

  /** Sends `text`; resolves to all the bot's replies to it, once the last expected one came. */
  async function say(text: string, last: RegExp = /./): Promise<string[]> {
    const sentId = await new Promise<string>((resolve, reject) => {
      directLine
        ?.postActivity({ type: 'message', from: { id: 'resident' }, text, locale: 'nl-NL' })
        .subscribe({ next: resolve, error: reject });
    });
    const isReply = (a: Message) => (a as Message & { replyToId?: string }).replyToId === sentId;
    await fromBot(
      `a reply to "${text}" matching ${String(last)}`,
      (a) => isReply(a) && last.test(a.text ?? ''),
    );
    const replies = received
      .filter((a): a is Message => a.type === 'message' && a.from.role === 'bot')
      .filter(isReply)
      .map((a) => a.text ?? '');
    if (process.env.DEBUG_PRIVACY) console.log('>', text, '\n', replies.join('\n'));
    return replies;
  }

  before(async () => {
    globals.XMLHttpRequest = createRequire(import.meta.url)('xhr2');
    globals.WebSocket ??= class NoWebSocket {};
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'trace' }), {
      clock: fixedClock(),
      // Every level, captured: the logs must carry none of what the resident typed.
      log: createLogger('trace', { write: (line: string) => void logLines.push(line) }),
    });
    url = await app.listen();
  });

  after(async () => {
    directLine?.end();
    await app?.close();
    globals.XMLHttpRequest = saved.XMLHttpRequest;
    globals.WebSocket = saved.WebSocket;
  });

  it('books with a phone number and asks for a call-back (all with a ttl), sees it back, erases it all', async function () {
    this.timeout(120_000);
    const generated = await fetch(`${url}v3/directline/tokens/generate`, { method: 'POST' });
    const { token } = (await generated.json()) as { token: string };
    directLine = new DirectLine({
      token,
      domain: `${url}v3/directline`,
      webSocket: false,
      pollingInterval: 200,
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
      error: (error: unknown) => {
        if (!/conversation ended/.test(String(error))) throw error;
      },
    });
    await fromBot('the greeting', (a) => /computer/i.test(a.text ?? ''));
    const conversationId = received.find((a) => a.conversation?.id)?.conversation?.id ?? '';
    expect(conversationId).to.not.equal('');

    await say('Ik wil werk', /\?/);
    // A BSN (passes the elfproef) in the answer: not kept, and the resident is told so.
    const wishes = await say('Werk in de kinderopvang, mijn bsn is 111222333', /\?/);
    expect(wishes).to.include('U hoeft uw BSN niet te geven. We hebben het niet bewaard.');
    await say('Mail mij op jan.jansen@example.nl, mijn rekening is NL91 ABNA 0417 1643 00', /\?/);
    await say('Sla over', /\?/);
    await say('Haaren', /\?/);
    await say('Maakt niet uit', /\?|nummer/);
    await say('de eerste', /\?/);
    await say('Telefonisch', /\?/);
    await say('ja', /telefoonnummer/);
    await say('06 12345678', /\?/);
    const booked = await say('ja', /\?/);
    expect(booked.join('\n')).to.match(/Gelukt!/);

    await say('bel mij', /\?/);
    await say('Ja', /telefoonnummer/);
    await say('06 87654321', /\?/);
    await say('dinsdagochtend graag', /\?/);

    // Storage limitation: every document with personal data expires by its own ttl.
    expect(await documentsWithoutTtl(app.cosmos.containers)).to.deep.equal([]);

    const kept = (await say('Wat weten jullie van mij?', /verwijder mijn gegevens/)).join('\n');
    expect(kept).to.include('Dit bewaren we nu van u:');
    expect(kept).to.include('+31612345678');
    expect(kept).to.include('+31687654321');
    expect(kept).to.include('Werk in de kinderopvang, mijn bsn is [bsn]');
    expect(kept).to.not.include('111222333');
    expect(kept).to.include('Mail mij op [email], mijn rekening is [iban]');

    const before = await tracesOf(app.cosmos.containers, [
      '612345678',
      '687654321',
      'kinderopvang',
    ]);
    expect(before.map((trace) => trace.container)).to.include.members(['bookings', 'callbacks']);

    const asked = (await say('Verwijder mijn gegevens', /zeker/)).join('\n');
    expect(asked).to.match(/gaat dan niet door\. De coach krijgt daar bericht van\./);
    expect(asked).to.include('Uw vraag om terug te bellen vervalt.');
    const done = await say('Ja, wis alles', /Klaar/);
    expect(done.at(-1)).to.equal(
      'Klaar. We hebben alles van u gewist. Stuurt u weer een bericht? Dan begint een nieuw gesprek.',
    );

    const traces = await tracesOf(app.cosmos.containers, [
      '612345678',
      '687654321',
      'kinderopvang',
      'dinsdagochtend',
      conversationId,
    ]);
    expect(traces).to.deep.equal([]);
    const documents = await everyDocument(app.cosmos.containers);
    // What stays: the coach's free schedule, anonymous counts and one audit line without content.
    expect(documents.get('conversations')).to.deep.equal([]);
    expect(documents.get('conversationReviews')).to.deep.equal([]);
    expect(documents.get('callbacks')).to.deep.equal([]);
    expect(documents.get('meetingNotes')).to.deep.equal([]);
    expect(documents.get('calendarEvents')).to.deep.equal([]);
    for (const event of documents.get('funnelEvents') ?? []) {
      expect(String(event.id)).to.match(/^anon-/);
    }
    const audit = documents.get('staffAudit') ?? [];
    expect(audit.map((line) => [line.action, line.actorId, line.subject])).to.deep.equal([
      ['eraseResident', 'resident', undefined],
    ]);

    // A new message starts a new conversation: the greeting comes again.
    const fresh = await say('hallo', /computer/i);
    expect(fresh.join('\n')).to.match(/Ik ben een computer/);

    // The logs, at every level, carry no BSN, IBAN, e-mail, phone number or typed words.
    const logs = logLines.join('\n');
    expect(logLines.length).to.be.greaterThan(10);
    for (const secret of [
      '111222333',
      'NL91',
      // Not '0417' alone: four digits turn up by chance in timestamps, durations and pseudonyms.
      '0417 1643',
      '04171643',
      'jan.jansen',
      'example.nl',
      '612345678',
      '687654321',
      'kinderopvang',
      'dinsdagochtend',
    ]) {
      expect(logs, secret).to.not.include(secret);
    }
  });
});
