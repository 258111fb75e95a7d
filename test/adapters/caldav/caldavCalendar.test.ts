import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  createCalendarObject,
  fetchCalendarObjects,
  getBasicAuthHeaders,
  makeCalendar,
} from 'tsdav';
import { CalDavCalendar } from '../../../src/adapters/caldav/caldavCalendar.js';
import { isVoordeurError } from '../../../src/errors.js';
import { calendarAt, type CalendarEvent } from '../../../src/ports/calendar.js';
import { fixedClock } from '../../clocks.js';
import { calendarContract } from '../../ports/calendar.contract.js';
import { skipWithoutRadicale, startRadicale, type RunningRadicale } from './radicale.js';

const clock = fixedClock('2027-03-01T08:00:00.000Z');
const tinyRetry = {
  attempts: 2,
  baseDelayMs: 1,
  maxDelayMs: 50,
  maxTotalMs: 1000,
  timeoutMs: 2000,
};

/** Europe/Amsterdam as calendar clients write it next to their events. */
const amsterdam = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function vcalendar(...lines: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Other client//EN',
    ...amsterdam,
    ...lines,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const utc = (iso: string) => Date.parse(iso);

describe('CalDavCalendar against Radicale', function () {
  this.timeout(30_000);
  let radicale: RunningRadicale;
  let service: CalDavCalendar;
  let headers: Record<string, string>;
  const made = new Map<string, Promise<void>>();

  /** The coach's collection, made on first use, as a team would set it up. */
  async function collectionOf(coachId: string): Promise<string> {
    const url = `${radicale.url}${radicale.username}/${coachId}/`;
    if (!made.has(url)) {
      made.set(
        url,
        makeCalendar({ url, props: {}, headers }).then(([answer]) => {
          if (!answer?.ok) throw new Error(`MKCALENDAR ${url}: ${answer?.status}`);
        }),
      );
    }
    await made.get(url);
    return url;
  }

  /** What another calendar client (the coach's phone, Thunderbird) would have written. */
  async function writeRaw(coachId: string, name: string, ics: string): Promise<void> {
    const response = await createCalendarObject({
      calendar: { url: await collectionOf(coachId) },
      filename: `${name}.ics`,
      iCalString: ics,
      headers,
    });
    expect(response.status, await response.text()).to.equal(201);
  }

  async function objectCount(coachId: string): Promise<number> {
    const objects = await fetchCalendarObjects({
      calendar: { url: await collectionOf(coachId) },
      urlFilter: () => true,
      headers,
    });
    return objects.length;
  }

  before(async function () {
    skipWithoutRadicale(this);
    radicale = await startRadicale();
    headers = getBasicAuthHeaders({ username: radicale.username, password: radicale.password });
    service = new CalDavCalendar({
      credentials: { username: radicale.username, password: radicale.password },
      clock,
      retry: tinyRetry,
    });
  });
  after(async () => {
    await radicale?.stop();
  });

  calendarContract('CalDavCalendar on Radicale', async () => ({
    calendar: calendarAt(service, collectionOf),
    event: async (coachId, eventId) => service.event(await collectionOf(coachId), coachId, eventId),
    cleanup: async () => {},
  }));

  describe('busy time from any client', () => {
    let coach: string;
    beforeEach(() => {
      coach = `coach-${randomUUID()}`;
    });

    it('expands a weekly meeting with a cancelled and a moved occurrence, in Amsterdam time', async () => {
      // Team meeting Mondays 09:00-10:00 from 1 March 2027; 15 March is cancelled (EXDATE);
      // 22 March moved to Tuesday 23 March 14:00-15:00 (RECURRENCE-ID).
      await writeRaw(
        coach,
        'team',
        vcalendar(
          'BEGIN:VEVENT',
          'UID:team-meeting@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'DTSTART;TZID=Europe/Amsterdam:20270301T090000',
          'DTEND;TZID=Europe/Amsterdam:20270301T100000',
          'RRULE:FREQ=WEEKLY;BYDAY=MO',
          'EXDATE;TZID=Europe/Amsterdam:20270315T090000',
          'SUMMARY:Teamoverleg',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:team-meeting@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'RECURRENCE-ID;TZID=Europe/Amsterdam:20270322T090000',
          'DTSTART;TZID=Europe/Amsterdam:20270323T140000',
          'DTEND;TZID=Europe/Amsterdam:20270323T150000',
          'SUMMARY:Teamoverleg (verschoven)',
          'END:VEVENT',
        ),
      );
      const busy = await service.busy(
        await collectionOf(coach),
        new Date('2027-03-08T00:00:00Z'),
        new Date('2027-04-06T00:00:00Z'),
      );
      expect(busy).to.deep.equal([
        { start: utc('2027-03-08T08:00:00Z'), end: utc('2027-03-08T09:00:00Z') },
        { start: utc('2027-03-23T13:00:00Z'), end: utc('2027-03-23T14:00:00Z') },
        // After the clock change 09:00 in Amsterdam is 07:00 UTC.
        { start: utc('2027-03-29T07:00:00Z'), end: utc('2027-03-29T08:00:00Z') },
        { start: utc('2027-04-05T07:00:00Z'), end: utc('2027-04-05T08:00:00Z') },
      ]);
    });

    it('sees an occurrence moved into the window from outside it, and not the one moved out', async () => {
      await writeRaw(
        coach,
        'moved',
        vcalendar(
          'BEGIN:VEVENT',
          'UID:moved@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'DTSTART;TZID=Europe/Amsterdam:20270301T090000',
          'DTEND;TZID=Europe/Amsterdam:20270301T100000',
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'END:VEVENT',
          // 22 March moved back to Wednesday 3 March; 8 March moved out to 1 April.
          'BEGIN:VEVENT',
          'UID:moved@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'RECURRENCE-ID;TZID=Europe/Amsterdam:20270322T090000',
          'DTSTART;TZID=Europe/Amsterdam:20270303T110000',
          'DTEND;TZID=Europe/Amsterdam:20270303T120000',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:moved@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'RECURRENCE-ID;TZID=Europe/Amsterdam:20270308T090000',
          'DTSTART;TZID=Europe/Amsterdam:20270401T110000',
          'DTEND;TZID=Europe/Amsterdam:20270401T120000',
          'END:VEVENT',
        ),
      );
      const busy = await service.busy(
        await collectionOf(coach),
        new Date('2027-03-02T00:00:00Z'),
        new Date('2027-03-10T00:00:00Z'),
      );
      expect(busy).to.deep.equal([
        { start: utc('2027-03-03T10:00:00Z'), end: utc('2027-03-03T11:00:00Z') },
      ]);
    });

    it('blocks an all-day event from midnight to midnight in Amsterdam, unless it is shown as free', async () => {
      await writeRaw(
        coach,
        'day-off',
        vcalendar(
          'BEGIN:VEVENT',
          'UID:day-off@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'DTSTART;VALUE=DATE:20270305',
          'DTEND;VALUE=DATE:20270306',
          'SUMMARY:Vrij',
          'END:VEVENT',
        ),
      );
      await writeRaw(
        coach,
        'birthday',
        vcalendar(
          'BEGIN:VEVENT',
          'UID:birthday@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'DTSTART;VALUE=DATE:20270304',
          'DTEND;VALUE=DATE:20270305',
          'TRANSP:TRANSPARENT',
          'RRULE:FREQ=YEARLY',
          'SUMMARY:Verjaardag',
          'END:VEVENT',
        ),
      );
      const busy = await service.busy(
        await collectionOf(coach),
        new Date('2027-03-03T00:00:00Z'),
        new Date('2027-03-08T00:00:00Z'),
      );
      expect(busy).to.deep.equal([
        { start: utc('2027-03-04T23:00:00Z'), end: utc('2027-03-05T23:00:00Z') },
      ]);
    });

    it('reads a two-day all-day event over the clock change as 47 hours', async () => {
      await writeRaw(
        coach,
        'weekend',
        vcalendar(
          'BEGIN:VEVENT',
          'UID:weekend@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'DTSTART;VALUE=DATE:20270327',
          'DTEND;VALUE=DATE:20270329',
          'END:VEVENT',
        ),
      );
      const busy = await service.busy(
        await collectionOf(coach),
        new Date('2027-03-20T00:00:00Z'),
        new Date('2027-04-01T00:00:00Z'),
      );
      expect(busy).to.deep.equal([
        { start: utc('2027-03-26T23:00:00Z'), end: utc('2027-03-28T22:00:00Z') },
      ]);
    });

    it('reads a zone the object defines itself, as Outlook names it', async () => {
      // Outlook writes Windows zone names with their definition; Baghdad is UTC+3 all year.
      await writeRaw(
        coach,
        'outlook',
        [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//Microsoft Corporation//Outlook 16.0//EN',
          'BEGIN:VTIMEZONE',
          'TZID:Arabic Standard Time',
          'BEGIN:STANDARD',
          'DTSTART:16010101T000000',
          'TZOFFSETFROM:+0300',
          'TZOFFSETTO:+0300',
          'END:STANDARD',
          'END:VTIMEZONE',
          'BEGIN:VEVENT',
          'UID:outlook@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'DTSTART;TZID=Arabic Standard Time:20270329T100000',
          'DTEND;TZID=Arabic Standard Time:20270329T110000',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      );
      const busy = await service.busy(
        await collectionOf(coach),
        new Date('2027-03-29T00:00:00Z'),
        new Date('2027-03-30T00:00:00Z'),
      );
      // 10:00 at UTC+3 is 07:00 UTC (read as Amsterdam time it would wrongly be 08:00).
      expect(busy).to.deep.equal([
        { start: utc('2027-03-29T07:00:00Z'), end: utc('2027-03-29T08:00:00Z') },
      ]);
    });

    it('skips cancelled events and reads UTC and floating times', async () => {
      await writeRaw(
        coach,
        'cancelled',
        vcalendar(
          'BEGIN:VEVENT',
          'UID:cancelled@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'DTSTART:20270304T080000Z',
          'DTEND:20270304T090000Z',
          'STATUS:CANCELLED',
          'END:VEVENT',
        ),
      );
      await writeRaw(
        coach,
        'floating',
        vcalendar(
          'BEGIN:VEVENT',
          'UID:floating@elsewhere',
          'DTSTAMP:20270201T120000Z',
          'DTSTART:20270304T130000',
          'DTEND:20270304T140000',
          'END:VEVENT',
        ),
      );
      const busy = await service.busy(
        await collectionOf(coach),
        new Date('2027-03-04T00:00:00Z'),
        new Date('2027-03-05T00:00:00Z'),
      );
      expect(busy).to.deep.equal([
        { start: utc('2027-03-04T12:00:00Z'), end: utc('2027-03-04T13:00:00Z') },
      ]);
    });
  });

  describe('writing', () => {
    let coach: string;
    const meeting = (coachId: string, start: string, end: string): CalendarEvent => ({
      id: `${coachId}_2027-03-29T07-00-00-000Z`,
      coachId,
      start,
      end,
      title: 'Kennismaking: werk',
      description: 'Wil graag buiten werken.',
      location: 'Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren',
    });
    beforeEach(() => {
      coach = `coach-${randomUUID()}`;
    });

    it('writes one object for a booking written twice; the server refuses a second create (412)', async () => {
      const event = meeting(coach, '2027-03-29T07:00:00.000Z', '2027-03-29T07:45:00.000Z');
      const collection = await collectionOf(coach);
      await service.put(collection, event);
      await service.put(collection, event);
      expect(await objectCount(coach)).to.equal(1);
      const again = await createCalendarObject({
        calendar: { url: collection },
        filename: `${encodeURIComponent(event.id)}.ics`,
        iCalString: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        headers,
      });
      expect(again.status).to.equal(412);
    });

    it('writes local Amsterdam time with the zone, and counts SEQUENCE up on a move', async () => {
      const collection = await collectionOf(coach);
      const first = meeting(coach, '2027-03-29T07:00:00.000Z', '2027-03-29T07:45:00.000Z');
      await service.put(collection, first);
      await service.put(collection, {
        ...first,
        start: '2027-03-30T12:00:00.000Z',
        end: '2027-03-30T12:45:00.000Z',
      });
      const [object] = await fetchCalendarObjects({
        calendar: { url: collection },
        urlFilter: () => true,
        headers,
      });
      // Unfolded: long lines continue on the next line after a space (RFC 5545 3.1).
      const data = String(object?.data).replace(/\r?\n[ \t]/g, '');
      expect(data).to.include('DTSTART;TZID=Europe/Amsterdam:20270330T140000');
      expect(data).to.include('BEGIN:VTIMEZONE');
      expect(data).to.match(/^UID:coach-[^\r\n]*@voordeur\r?$/m);
      expect(data).to.match(/^SEQUENCE:1\r?$/m);
      expect(data).to.match(/^DTSTAMP:20270301T080000Z\r?$/m);
    });

    it("reads back the coach's own change: a move from their phone, then STATUS:CANCELLED as gone", async () => {
      const collection = await collectionOf(coach);
      const event = meeting(coach, '2027-03-29T07:00:00.000Z', '2027-03-29T07:45:00.000Z');
      await service.put(collection, event);
      const url = new URL(`${encodeURIComponent(event.id)}.ics`, collection).href;
      // Another client rewrites the object under the same name and UID, in Amsterdam time.
      const rewrite = async (...lines: string[]) => {
        const response = await fetch(url, {
          method: 'PUT',
          headers: { ...headers, 'content-type': 'text/calendar; charset=utf-8' },
          body: vcalendar(
            'BEGIN:VEVENT',
            `UID:${event.id}@voordeur`,
            'DTSTAMP:20270301T090000Z',
            'DTSTART;TZID=Europe/Amsterdam:20270330T140000',
            'DTEND;TZID=Europe/Amsterdam:20270330T144500',
            'SUMMARY:Kennismaking: werk',
            'SEQUENCE:1',
            ...lines,
            'END:VEVENT',
          ),
        });
        expect(response.status, await response.text()).to.be.oneOf([201, 204]);
      };
      await rewrite();
      expect(await service.eventTimes(collection, event.id)).to.deep.equal({
        start: '2027-03-30T12:00:00.000Z',
        end: '2027-03-30T12:45:00.000Z',
      });
      await rewrite('STATUS:CANCELLED');
      expect(await service.eventTimes(collection, event.id)).to.equal(undefined);
    });

    it('says VD_CALENDAR_REFUSED for a wrong password or a missing collection', async () => {
      const wrong = new CalDavCalendar({
        credentials: { username: radicale.username, password: 'wrong' },
        clock,
        retry: tinyRetry,
      });
      const collection = await collectionOf(coach);
      const denied = await wrong
        .busy(collection, new Date('2027-03-01'), new Date('2027-03-02'))
        .catch((e: unknown) => e);
      expect(isVoordeurError(denied, 'VD_CALENDAR_REFUSED'), String(denied)).to.equal(true);
      expect(String(denied)).to.include('401');
      const missing = await service
        .busy(
          `${radicale.url}${radicale.username}/nobody-${randomUUID()}/`,
          new Date('2027-03-01'),
          new Date('2027-03-02'),
        )
        .catch((e: unknown) => e);
      expect(isVoordeurError(missing, 'VD_CALENDAR_REFUSED'), String(missing)).to.equal(true);
      expect(String(missing)).to.include('404');
    });

    it('says VD_CALENDAR_UNAVAILABLE when the server does not answer, after retrying', async () => {
      const retries: string[] = [];
      const down = new CalDavCalendar({
        clock,
        retry: { ...tinyRetry, attempts: 3, onRetry: (info) => retries.push(info.reason) },
      });
      // A port Radicale never listened on: connection refused.
      const error = await down
        .put(
          'http://127.0.0.1:9/coach/',
          meeting(coach, '2027-03-29T07:00:00.000Z', '2027-03-29T07:45:00.000Z'),
        )
        .catch((e: unknown) => e);
      expect(isVoordeurError(error, 'VD_CALENDAR_UNAVAILABLE'), String(error)).to.equal(true);
      expect(retries).to.deep.equal(['connection failed', 'connection failed']);
    });
  });
});
