import { expect } from 'chai';
import { icsAttachment, meetingIcs } from '../../src/planner/icsFile.js';

function ics(start: string, end: string) {
  return meetingIcs({
    booking: { id: 'elke_2027-03-29T11-30-00-000Z', start, end },
    title: 'Afspraak met Elke',
    description: 'Elke belt u als u er niet bent.',
    location: 'Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren',
    organizer: 'gemeente Voorbeeld',
  });
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

  it('keeps a stable UID, so importing it twice updates one event', () => {
    const first = ics('2026-12-03T12:30:00.000Z', '2026-12-03T13:15:00.000Z');
    expect(first).to.match(/UID:elke_2027-03-29T11-30-00-000Z@voordeur/);
    expect(first).to.include('SUMMARY:Afspraak met Elke');
    expect(first).to.include('LOCATION:Dorpshuis Den Domp\\, Kerkstraat 2\\, 5076 AB Haaren');
    expect(first).to.include('BEGIN:VALARM');
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
