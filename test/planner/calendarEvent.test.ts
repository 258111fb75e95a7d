import { expect } from 'chai';
import { join } from 'node:path';
import { loadCoachSeed } from '../../src/adapters/coachSeed.js';
import type { HandoffSummary } from '../../src/domain/handoff.js';
import { projectRoot } from '../../src/paths.js';
import { calendarEventOf, summaryForCalendar } from '../../src/planner/calendarEvent.js';
import { describeHandoff } from '../../src/planner/handoffText.js';
import type { Booking } from '../../src/ports/bookings.js';
import { createTranslator } from '../../src/i18n.js';

const now = new Date('2026-11-23T08:15:00.000Z');
const [elke] = await loadCoachSeed(join(projectRoot, 'infra/coaches.example.json'));
const i18n = await createTranslator();

const summary: HandoffSummary = {
  intent: 'work',
  wishes: 'Iets met hout. Mail me op jan@example.nl of bel 06-87654321, BSN 111222333',
  doesAlready: 'Ik help mijn buurman',
  form: 'location',
  phone: '0612345678',
  language: 'ar',
  channel: 'whatsapp',
};

const booking = (s: HandoffSummary): Booking => ({
  id: 'elke_2026-11-26T08-00-00-000Z',
  coachId: 'elke',
  start: '2026-11-26T08:00:00.000Z',
  end: '2026-11-26T08:45:00.000Z',
  residentKey: 'whatsapp/wa_x',
  form: s.form,
  placeId: 'den-domp',
  summary: s,
  createdAt: now.toISOString(),
});

describe("what lands in the coach's calendar", () => {
  it('takes e-mail, other phone numbers and the BSN out of the free text', () => {
    const clean = summaryForCalendar(summary, now);
    expect(clean.wishes).to.contain('Iets met hout');
    expect(clean.wishes).to.not.match(/jan@example|87654321|111222333/);
    expect(clean.doesAlready).to.equal('Ik help mijn buurman');
  });

  it('keeps the phone number only for a phone or video meeting', () => {
    expect(summaryForCalendar(summary, now).phone).to.equal(undefined);
    expect(summaryForCalendar({ ...summary, form: 'phone' }, now).phone).to.equal('0612345678');
    expect(summaryForCalendar({ ...summary, form: 'video' }, now).phone).to.equal('0612345678');
  });

  it('writes a Dutch event: title without name or number, the place, the form', () => {
    const event = calendarEventOf(
      booking(summary),
      elke!,
      (s, coach) => describeHandoff(s, coach, i18n),
      now,
    );
    expect(event.id).to.equal('elke_2026-11-26T08-00-00-000Z');
    expect(event.title).to.match(/^Kennismaking/);
    expect(event.title).to.not.match(/\d{6}/);
    expect(event.location).to.contain('Den Domp');
    expect(event.description).to.contain(i18n.t('nl', 'handoff.forms.location'));
    expect(event.description).to.not.contain('0612345678');
  });
});
