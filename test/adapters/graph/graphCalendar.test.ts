import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import { expect } from 'chai';
import { createGraphClient } from '../../../src/adapters/graph/graphClient.js';
import { GraphCalendar } from '../../../src/adapters/graph/graphCalendar.js';
import {
  CalendarUnavailableError,
  type CalendarRetryOptions,
} from '../../../src/adapters/calendarRetry.js';
import { isVoordeurError } from '../../../src/errors.js';
import { calendarAt, type CalendarEvent } from '../../../src/ports/calendar.js';
import { fixedClock } from '../../clocks.js';
import { calendarContract } from '../../ports/calendar.contract.js';
import { startMsGraphStandIn, type MsGraphStandIn } from './msGraphStandIn.js';

/**
 * Microsoft Graph cannot be reached from here: these tests run the real Graph client against a
 * local stand-in that speaks Graph's documented calendar request and response shapes
 * (msGraphStandIn.ts). Entra ID cannot run here either: the token comes from a stand-in
 * credential, and the stand-in only checks that a bearer token is sent.
 */
const credential: TokenCredential = {
  getToken: async () => ({ token: 'stand-in-token', expiresOnTimestamp: 4_102_444_800_000 }),
};
const clock = fixedClock('2027-03-01T08:00:00.000Z');
const mailboxOf = (coachId: string) => `${coachId}@gemeente-voorbeeld.nl`;

describe('GraphCalendar against a Microsoft Graph stand-in', () => {
  let standIn: MsGraphStandIn;
  let waits: number[];
  const sleepless: CalendarRetryOptions = {
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  const graph = (retry: CalendarRetryOptions = sleepless) =>
    new GraphCalendar(createGraphClient(credential, standIn.url), { clock, retry });

  before(async () => {
    standIn = await startMsGraphStandIn();
  });
  after(async () => {
    await standIn?.close();
  });
  beforeEach(() => {
    waits = [];
  });

  calendarContract('GraphCalendar on the Graph stand-in', async () => {
    const service = graph();
    return {
      calendar: calendarAt(service, mailboxOf),
      event: (coachId, eventId) => service.event(mailboxOf(coachId), coachId, eventId),
      cleanup: async () => {},
    };
  });

  describe('provider behaviour', () => {
    let coach: string;
    let mailbox: string;
    const meeting = (): CalendarEvent => ({
      id: `${coach}_2027-03-29T07-00-00-000Z`,
      coachId: coach,
      start: '2027-03-29T07:00:00.000Z',
      end: '2027-03-29T07:45:00.000Z',
      title: 'Kennismaking: werk',
      description: 'Wil graag buiten werken.',
      location: 'Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren',
    });
    const day = [new Date('2027-03-29T00:00:00Z'), new Date('2027-03-30T00:00:00Z')] as const;
    beforeEach(() => {
      coach = `coach-${randomUUID()}`;
      mailbox = mailboxOf(coach);
      standIn.requests.length = 0;
      standIn.prefers.length = 0;
    });

    it('creates with transactionId = the booking id, so a create whose answer was lost makes one event', async () => {
      standIn.failNext({ status: 'lostAnswer', method: 'POST' });
      await graph().put(mailbox, meeting());
      const events = standIn.mailboxes.get(mailbox)!;
      expect(events).to.have.length(1);
      expect(events[0]?.transactionId).to.equal(meeting().id);
      // Looked up (none), created (answer lost), created again (the same event came back).
      expect(standIn.requests.filter((r) => r.startsWith('POST')).length).to.equal(2);
      await graph().put(mailbox, meeting());
      expect(standIn.mailboxes.get(mailbox)).to.have.length(1);
    });

    it('moves an event with PATCH, keeping the one event', async () => {
      await graph().put(mailbox, meeting());
      const [created] = standIn.mailboxes.get(mailbox)!;
      await graph().put(mailbox, {
        ...meeting(),
        start: '2027-03-29T12:00:00.000Z',
        end: '2027-03-29T12:45:00.000Z',
      });
      expect(standIn.requests.filter((r) => r.startsWith('PATCH'))).to.deep.equal([
        `PATCH /v1.0/users/${encodeURIComponent(mailbox)}/events/${created!.id}`,
      ]);
      const [moved] = standIn.mailboxes.get(mailbox)!;
      expect(moved?.id).to.equal(created!.id);
      expect(moved?.start).to.deep.equal({
        dateTime: '2027-03-29T12:00:00.0000000',
        timeZone: 'UTC',
      });
    });

    it('reads back an event moved in Outlook at its new time, and one cancelled there as gone', async () => {
      await graph().put(mailbox, meeting());
      const [created] = standIn.voordeurEvents(mailbox, meeting().id);
      // The coach drags it in Outlook to 14:00 Amsterdam: Graph keeps the event and its property
      // (the stand-in holds times in UTC, the zone Voordeur asks its answers in).
      created!.start = { dateTime: '2027-03-29T12:00:00.0000000', timeZone: 'UTC' };
      created!.end = { dateTime: '2027-03-29T12:45:00.0000000', timeZone: 'UTC' };
      expect(await graph().eventTimes(mailbox, meeting().id)).to.deep.equal({
        start: '2027-03-29T12:00:00.000Z',
        end: '2027-03-29T12:45:00.000Z',
      });
      // Cancelled but not deleted: it stays in the mailbox with isCancelled.
      created!.isCancelled = true;
      expect(await graph().eventTimes(mailbox, meeting().id)).to.equal(undefined);
      expect(standIn.requests.at(-1)).to.equal(
        `GET /v1.0/users/${encodeURIComponent(mailbox)}/events`,
      );
    });

    it('counts busy, tentative and away as busy; free and working elsewhere not', async () => {
      const at = (h: number) => ({
        dateTime: `2027-03-29T${String(h).padStart(2, '0')}:00:00.0000000`,
        timeZone: 'UTC',
      });
      for (const [h, showAs] of [
        [8, 'busy'],
        [9, 'tentative'],
        [10, 'oof'],
        [11, 'free'],
        [12, 'workingElsewhere'],
      ] as const) {
        standIn.addEvent(mailbox, { start: at(h), end: at(h + 1), showAs });
      }
      expect(await graph().busy(mailbox, ...day)).to.deep.equal(
        [8, 9, 10].map((h) => ({
          start: Date.parse(`2027-03-29T${String(h).padStart(2, '0')}:00:00Z`),
          end: Date.parse(`2027-03-29T${String(h + 1).padStart(2, '0')}:00:00Z`),
        })),
      );
    });

    it('asks getSchedule in pieces for a long window, and reports an event across two once', async () => {
      const from = new Date('2027-03-01T00:00:00Z');
      const boundary = from.getTime() + 56 * 86_400_000;
      const iso = (ms: number) => ({
        dateTime: new Date(ms).toISOString().slice(0, -1),
        timeZone: 'UTC',
      });
      standIn.addEvent(mailbox, {
        start: iso(boundary - 3_600_000),
        end: iso(boundary + 3_600_000),
      });
      const busy = await graph().busy(mailbox, from, new Date(boundary + 7 * 86_400_000));
      expect(busy).to.deep.equal([{ start: boundary - 3_600_000, end: boundary + 3_600_000 }]);
      expect(standIn.requests.filter((r) => r.endsWith('getSchedule'))).to.have.length(2);
    });

    it('asks getSchedule in UTC (the stand-in refuses other zones) and asks for UTC back', async () => {
      await graph().busy(mailbox, ...day);
      expect(standIn.requests).to.deep.equal([
        `POST /v1.0/users/${encodeURIComponent(mailbox)}/calendar/getSchedule`,
      ]);
      expect(standIn.prefers).to.deep.equal(['outlook.timezone="UTC"']);
    });

    it('honours Retry-After on 429 and 503, then succeeds', async () => {
      standIn.failNext(
        { status: 429, retryAfterSeconds: 2 },
        { status: 503, retryAfterSeconds: 1 },
      );
      await graph().put(mailbox, meeting());
      expect(waits).to.deep.equal([2000, 1000]);
      expect(standIn.mailboxes.get(mailbox)).to.have.length(1);
    });

    it('really waits for Retry-After', async () => {
      standIn.failNext({ status: 429, retryAfterSeconds: 1 });
      const started = performance.now();
      await graph({}).busy(mailbox, ...day);
      expect(performance.now() - started).to.be.at.least(990);
    });

    it('gives up at once when Retry-After is beyond its bound, and says how long to wait', async () => {
      standIn.failNext({ status: 429, retryAfterSeconds: 120 });
      const error = await graph()
        .busy(mailbox, ...day)
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CalendarUnavailableError);
      expect((error as CalendarUnavailableError).code).to.equal('VD_CALENDAR_UNAVAILABLE');
      expect((error as CalendarUnavailableError).retryAfterMs).to.equal(120_000);
      expect(waits).to.deep.equal([]);
    });

    it('retries a 5xx, then says VD_CALENDAR_UNAVAILABLE', async () => {
      standIn.failNext({ status: 500 }, { status: 502 }, { status: 504 });
      const error = await graph()
        .put(mailbox, meeting())
        .catch((e: unknown) => e);
      expect(isVoordeurError(error, 'VD_CALENDAR_UNAVAILABLE'), String(error)).to.equal(true);
      expect(String(error)).to.match(/Microsoft Graph find: status 504 .*after 3 attempts/);
      expect(waits).to.have.length(2);
      expect(standIn.mailboxes.get(mailbox) ?? []).to.have.length(0);
    });

    it('says VD_CALENDAR_REFUSED for a mailbox Graph does not know', async () => {
      standIn.unknown.add(mailbox);
      const busy = await graph()
        .busy(mailbox, ...day)
        .catch((e: unknown) => e);
      expect(isVoordeurError(busy, 'VD_CALENDAR_REFUSED'), String(busy)).to.equal(true);
      expect(String(busy)).to.include('ErrorMailRecipientNotFound');
      const put = await graph()
        .put(mailbox, meeting())
        .catch((e: unknown) => e);
      expect(isVoordeurError(put, 'VD_CALENDAR_REFUSED'), String(put)).to.equal(true);
      expect(waits).to.deep.equal([]);
    });
  });
});
