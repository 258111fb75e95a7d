/**
 * No personal data in telemetry, checked like the logs are: real turns through the real app (the
 * in-process Cosmos server behind the SDK), spans caught by OpenTelemetry's in-memory exporter,
 * and every span's name, attributes and events searched for what the resident typed and for
 * their ids. Attribute keys must come from the fixed set src/telemetry writes.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Calendar } from '../../src/ports/calendar.js';
import { withCalendarTelemetry } from '../../src/telemetry/calendarTelemetry.js';
import { Telemetry } from '../../src/telemetry/telemetry.js';
import { whatsAppFetch } from '../../src/telemetry/whatsAppTelemetry.js';
import { fixedClock } from '../clocks.js';

const allowedKeys = new Set([
  'voordeur.channel',
  'voordeur.activity_type',
  'db.system',
  'db.operation.name',
  'voordeur.cosmos.resource',
  'db.cosmosdb.request_charge',
  'http.response.status_code',
  'voordeur.calendar.operation',
  'voordeur.whatsapp.endpoint',
  'error.type',
]);

const personal = {
  name: 'Fatima Yilmaz',
  phone: '0612345678',
  email: 'fatima.yilmaz@example.nl',
  bsn: '123456782',
  iban: 'NL91ABNA0417164300',
};

function tracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, telemetry: new Telemetry(provider.getTracer('test')) };
}

/** Everything a span would carry to Application Insights, as text. */
function exported(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    status: span.status,
  });
}

function expectNothingPersonal(spans: ReadableSpan[], alsoSecret: string[]): void {
  expect(spans).to.have.length.greaterThan(0);
  for (const span of spans) {
    for (const key of Object.keys(span.attributes)) {
      expect(allowedKeys.has(key), `${span.name} has attribute ${key}`).to.equal(true);
    }
    const text = exported(span).toLowerCase();
    for (const value of [...Object.values(personal), ...alsoSecret]) {
      expect(text, `${span.name} carries "${value}"`).not.to.include(value.toLowerCase());
    }
  }
}

describe('telemetry keeps personal data out of spans', () => {
  let app: App;
  let url: string;
  const { exporter, telemetry } = tracing();
  const conversationId = `conv-${randomUUID()}`;
  const userId = `user-${randomUUID()}`;

  before(async () => {
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      clock: fixedClock('2026-03-02T09:00:00+01:00'),
      log: createLogger('silent'),
      telemetry,
    });
    url = await app.listen();
  });

  after(async () => {
    await app.close();
  });

  async function say(text: string): Promise<void> {
    const response = await fetch(new URL('api/messages', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: randomUUID(),
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: conversationId },
        from: { id: userId, name: personal.name },
        recipient: { id: 'bot' },
        text,
        locale: 'nl-NL',
        deliveryMode: 'expectReplies',
      }),
    });
    expect(response.status).to.equal(200);
  }

  it('traces turns and Cosmos requests without what the resident typed or who they are', async () => {
    await say('Hallo');
    await say('Ik wil werk');
    await say(
      `Ik ben ${personal.name}, bel ${personal.phone} of mail ${personal.email}. BSN ${personal.bsn}, IBAN ${personal.iban}`,
    );
    const spans = exporter.getFinishedSpans();
    const turns = spans.filter((span) => span.name === 'voordeur.turn');
    expect(turns).to.have.length(3);
    expect(turns[0]?.attributes).to.deep.equal({
      'voordeur.channel': 'test',
      'voordeur.activity_type': 'message',
    });
    expect(spans.filter((span) => span.name.startsWith('cosmos '))).to.have.length.greaterThan(2);
    expectNothingPersonal(spans, [conversationId, userId]);
  });

  it('counts turns, Cosmos requests and request units on GET /metrics', async () => {
    const response = await fetch(new URL('metrics', url));
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/plain/);
    const text = await response.text();
    expect(text).to.match(/^voordeur_turns_total\{channel="test",outcome="ok"\} 3$/m);
    const requests = /^voordeur_cosmos_requests_total\{.*\} (\d+)$/gm;
    const total = [...text.matchAll(requests)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(total).to.be.greaterThan(3);
    expect(text).to.match(/^voordeur_cosmos_request_units_total \d/m);
    expect(text).not.to.include(conversationId);
  });
});

describe('telemetry of calendar calls and WhatsApp sends', () => {
  it('names the operation and outcome, not the coach, the meeting or its summary', async () => {
    const { exporter, telemetry } = tracing();
    const failing: Calendar = {
      busy: async () => [],
      put: async () => {
        throw new Error(`could not write the meeting with ${personal.name}`);
      },
      remove: async () => {},
      eventTimes: async () => undefined,
    };
    const calendar = withCalendarTelemetry(failing, telemetry);
    await calendar.busy('coach-elke', new Date(0), new Date(1));
    const put = calendar.put({
      coachId: 'coach-elke',
      id: 'meeting-1',
      start: new Date(0),
      end: new Date(1),
      summary: `Eerste gesprek met ${personal.name}, ${personal.phone}`,
    } as never);
    await put.then(
      () => expect.fail('put should fail'),
      (error: Error) => expect(error.message).to.include(personal.name),
    );
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).to.deep.equal(['calendar busy', 'calendar put']);
    expect(spans[1]?.attributes['error.type']).to.equal('Error');
    expect(
      telemetry.registry.total('voordeur_calendar_calls_total', { outcome: 'error' }),
    ).to.equal(1);
    expectNothingPersonal(spans, ['coach-elke', 'meeting-1']);
  });

  it('traces a WhatsApp send by endpoint and status, without number, token or text', async () => {
    const { exporter, telemetry } = tracing();
    // Meta's Cloud API cannot run here: a stand-in answers as its documented error format does.
    const graph = whatsAppFetch(telemetry, async () =>
      Response.json({ error: { code: 131026, message: 'undeliverable' } }, { status: 400 }),
    );
    const response = await graph('https://graph.facebook.com/v23.0/1234567890/messages', {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token-example' },
      body: JSON.stringify({ to: personal.phone, text: { body: personal.name } }),
    });
    expect(response.status).to.equal(400);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).to.deep.equal(['whatsapp messages']);
    expect(spans[0]?.attributes['http.response.status_code']).to.equal(400);
    expect(
      telemetry.registry.total('voordeur_whatsapp_sends_total', { outcome: 'error' }),
    ).to.equal(1);
    expectNothingPersonal(spans, ['1234567890', 'secret-token-example']);
  });
});
