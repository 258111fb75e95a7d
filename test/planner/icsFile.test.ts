import { expect } from 'chai';
import IcalExpander from 'ical-expander';
import { icsAttachment, icsFileName, meetingIcs, meetingUid } from '../../src/planner/icsFile.js';

const residentKey = 'webchat|conversation-123';

function ics(start: string, end: string, extra: { createdAt?: string; cancelledAt?: Date } = {}) {
  return meetingIcs({
    booking: {
      start,
      end,
      residentKey,
      createdAt: extra.createdAt ?? '2027-03-20T10:00:00.000Z',
    },
    title: 'Afspraak met Elke',
    description: 'Elke belt u als u er niet bent.',
    location: 'Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren',
    organizer: 'gemeente Voorbeeld',
    ...(extra.cancelledAt ? { cancelledAt: extra.cancelledAt } : {}),
  });
}

/** The value of a property of the VEVENT (long lines unfolded). */
function property(text: string, name: string): string | undefined {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  const event = unfolded.slice(unfolded.indexOf('BEGIN:VEVENT'));
  return new RegExp(`^${name}[:;](.*)$`, 'm').exec(event)?.[1]?.replace(/\r$/, '');
}

describe('the calendar file', () => {
  it('writes local Amsterdam time in summer (UTC+2), with the zone definition', () => {
    const text = ics('2027-03-29T11:30:00.000Z', '2027-03-29T12:15:00.000Z');
    expect(text).to.include('DTSTART;TZID=Europe/Amsterdam:20270329T133000');
    expect(text).to.include('DTEND;TZID=Europe/Amsterdam:20270329T141500');
    expect(text).to.include('BEGIN:VTIMEZONE');
    expect(text).to.include('TZID:Europe/Amsterdam');
  });

  it('writes local Amsterdam time in winter (UTC+1)', () => {
    const text = ics('2026-12-03T12:30:00.000Z', '2026-12-03T13:15:00.000Z');
    expect(text).to.include('DTSTART;TZID=Europe/Amsterdam:20261203T133000');
  });

  it('is read back by a calendar library at the same instants, across the clock change', () => {
    const text = ics('2027-03-29T11:30:00.000Z', '2027-03-29T12:15:00.000Z');
    const { events } = new IcalExpander({ ics: text, maxIterations: 10 }).all();
    expect(events).to.have.length(1);
    expect(events[0]!.startDate.toJSDate().toISOString()).to.equal('2027-03-29T11:30:00.000Z');
  });

  it('keeps one UID across a move and counts SEQUENCE up, so the moved meeting replaces the old', () => {
    const first = ics('2027-03-29T11:30:00.000Z', '2027-03-29T12:15:00.000Z', {
      createdAt: '2027-03-20T10:00:00.000Z',
    });
    const moved = ics('2027-03-31T08:00:00.000Z', '2027-03-31T08:45:00.000Z', {
      createdAt: '2027-03-22T09:15:00.000Z',
    });
    expect(property(first, 'UID')).to.equal(meetingUid(residentKey));
    expect(property(moved, 'UID')).to.equal(property(first, 'UID'));
    expect(Number(property(moved, 'SEQUENCE'))).to.be.greaterThan(
      Number(property(first, 'SEQUENCE')),
    );
    // The conversation key itself stays inside Voordeur.
    expect(first).not.to.include('conversation-123');
    expect(property(first, 'SUMMARY')).to.equal('Afspraak met Elke');
    expect(property(first, 'LOCATION')).to.equal(
      'Dorpshuis Den Domp\\, Kerkstraat 2\\, 5076 AB Haaren',
    );
    expect(first).to.match(/^METHOD:PUBLISH\r?$/m);
    expect(property(first, 'STATUS')).to.equal('CONFIRMED');
  });

  it('takes the meeting out of the calendar when cancelled: METHOD:CANCEL, a higher SEQUENCE, no alarm', () => {
    const booked = ics('2027-03-29T11:30:00.000Z', '2027-03-29T12:15:00.000Z');
    const cancelled = ics('2027-03-29T11:30:00.000Z', '2027-03-29T12:15:00.000Z', {
      cancelledAt: new Date('2027-03-25T16:05:00.000Z'),
    });
    expect(cancelled).to.match(/^METHOD:CANCEL\r?$/m);
    expect(property(cancelled, 'STATUS')).to.equal('CANCELLED');
    expect(property(cancelled, 'UID')).to.equal(property(booked, 'UID'));
    expect(Number(property(cancelled, 'SEQUENCE'))).to.be.greaterThan(
      Number(property(booked, 'SEQUENCE')),
    );
    expect(cancelled).not.to.include('BEGIN:VALARM');
    expect(property(cancelled, 'DTSTAMP')).to.equal('20270325T160500Z');
  });

  it('stamps the file in UTC with Z', () => {
    const text = ics('2027-03-29T11:30:00.000Z', '2027-03-29T12:15:00.000Z', {
      createdAt: '2027-03-20T10:00:00.000Z',
    });
    expect(property(text, 'DTSTAMP')).to.equal('20270320T100000Z');
  });

  it('reminds an hour before the meeting, not the evening before', () => {
    const text = ics('2027-03-29T12:00:00.000Z', '2027-03-29T12:45:00.000Z');
    const alarm = text.slice(text.indexOf('BEGIN:VALARM'), text.indexOf('END:VALARM'));
    expect(alarm).to.match(/^TRIGGER:-PT1H\r?$/m);
    expect(alarm).to.include('ACTION:DISPLAY');
  });

  it("gets a file name from the title, in the resident's language", () => {
    expect(icsFileName('Afspraak met Elke')).to.equal('Afspraak met Elke.ics');
    expect(icsFileName('Appointment with Elke')).to.equal('Appointment with Elke.ics');
    // The Arabic title isolates the name with direction marks: not in a file name.
    expect(icsFileName('موعد مع \u2068Elke\u2069')).to.equal('موعد مع Elke.ics');
    expect(icsFileName('Spotkanie z A/B: "test"?')).to.equal('Spotkanie z A B test.ics');
    expect(icsFileName('..')).to.equal('afspraak.ics');
    expect(icsFileName('\u2068\u2069', 'mawid.ics')).to.equal('mawid.ics');
  });

  it('travels as a data URL attachment any channel can offer', () => {
    const attachment = icsAttachment('BEGIN:VCALENDAR\r\nEND:VCALENDAR', 'afspraak.ics');
    expect(attachment.contentType).to.equal('text/calendar');
    expect(attachment.name).to.equal('afspraak.ics');
    const base64 = attachment.contentUrl.split(',')[1]!;
    expect(Buffer.from(base64, 'base64').toString('utf8')).to.equal(
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR',
    );
  });
});
