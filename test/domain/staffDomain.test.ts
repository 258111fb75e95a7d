import { expect } from 'chai';
import fc from 'fast-check';
import {
  startReview,
  statusAt,
  storedStatusOf,
  updateReview,
  withStep,
  type ConversationReview,
} from '../../src/domain/conversationReview.js';
import { countFunnel, percentOf, type FunnelEvent } from '../../src/domain/funnel.js';
import { isIsoWeek, isoWeekOf, shiftWeek, weekSpan } from '../../src/domain/isoWeek.js';
import { may, rolesFromClaim } from '../../src/domain/staffRoles.js';

const at = '2026-11-23T08:15:00.000Z';

function review(
  edit: (r: Omit<ConversationReview, 'stored'>) => Omit<ConversationReview, 'stored'>,
) {
  const base = startReview({ id: 'r1', week: '2026-W48', at, channel: 'webchat', language: 'nl' });
  return updateReview(base, at, edit);
}

describe('staff roles', () => {
  it('reads Entra app roles from the roles claim and ignores anything else', () => {
    expect(rolesFromClaim(['Lead', 'Coach', 'Admin', 42])).to.deep.equal(['coach', 'lead']);
    expect(rolesFromClaim('Lead')).to.deep.equal([]);
    expect(rolesFromClaim(undefined)).to.deep.equal([]);
  });

  it('gives a coach only their own meetings, the team the team pages, the lead administration too', () => {
    expect(may(['coach'], 'reviews')).to.equal(false);
    expect(may(['coach'], 'ownMeetings')).to.equal(true);
    expect(may(['team'], 'callbacks')).to.equal(true);
    expect(may(['team'], 'admin')).to.equal(false);
    expect(may(['lead'], 'admin')).to.equal(true);
  });
});

describe('ISO weeks in Amsterdam', () => {
  it('files Sunday 23:30 in Amsterdam under that week, though it is Sunday 22:30 in UTC', () => {
    expect(isoWeekOf(new Date('2026-11-29T22:30:00Z'))).to.equal('2026-W48');
    expect(isoWeekOf(new Date('2026-11-29T23:30:00Z'))).to.equal('2026-W49');
  });

  it('knows which weeks exist', () => {
    expect(isIsoWeek('2026-W53')).to.equal(true);
    expect(isIsoWeek('2027-W53')).to.equal(false);
    expect(isIsoWeek('2026-W00')).to.equal(false);
    expect(isIsoWeek('2026-48')).to.equal(false);
  });

  it('steps a week forward and back for any week, across years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: -60, max: 60 }),
        (day, offset) => {
          const week = isoWeekOf(new Date(Date.UTC(2024, 0, 1) + day * 86_400_000));
          const moved = shiftWeek(week, offset);
          expect(isIsoWeek(moved)).to.equal(true);
          expect(shiftWeek(moved, -offset)).to.equal(week);
          const span = weekSpan(moved);
          expect(span.end.getTime() - span.start.getTime()).to.be.within(
            167 * 3600_000,
            169 * 3600_000,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('conversation review status', () => {
  it('is booked with a booking, call-back with a request, question when only asking', () => {
    expect(
      review((r) => ({ ...r, booking: { coachId: 'elke', bookingId: 'b', start: at } })).stored,
    ).to.equal('booked');
    expect(review((r) => ({ ...r, callbackId: 'c' })).stored).to.equal('callback');
    expect(review((r) => ({ ...r, steps: ['greeted', 'question'] })).stored).to.equal('question');
    expect(review((r) => ({ ...r, steps: ['question', 'planning'] })).stored).to.equal('active');
    expect(review((r) => ({ ...r, cancelled: true })).stored).to.equal('cancelled');
  });

  it('shows an active conversation as open for an hour, then as dropped before booking', () => {
    const active = review((r) => ({ ...r, steps: ['planning', 'offered'] }));
    expect(statusAt(active, new Date(Date.parse(at) + 59 * 60_000))).to.equal('open');
    expect(statusAt(active, new Date(Date.parse(at) + 60 * 60_000))).to.equal('dropped');
  });

  it('a booking wins over everything else, whatever the steps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('greeted', 'question', 'planning', 'offered' as const)),
        (steps) => {
          const r = review((x) => ({
            ...x,
            steps,
            callbackId: 'c',
            booking: { coachId: 'e', bookingId: 'b', start: at },
          }));
          expect(storedStatusOf(r)).to.equal('booked');
        },
      ),
    );
  });

  it('keeps a step repeated in a row once', () => {
    expect(withStep(withStep(['greeted'], 'planning'), 'planning')).to.deep.equal([
      'greeted',
      'planning',
    ]);
  });
});

describe('funnel counting', () => {
  it('adds up a week per stage, per channel and per language, ignoring other weeks', () => {
    const events: FunnelEvent[] = [
      { stage: 'contact', week: '2026-W48', channel: 'webchat', language: 'nl' },
      { stage: 'contact', week: '2026-W48', channel: 'whatsapp', language: 'ar' },
      { stage: 'asked', week: '2026-W48', channel: 'webchat', language: 'nl' },
      { stage: 'booked', week: '2026-W48', channel: 'webchat', language: 'nl' },
      { stage: 'contact', week: '2026-W47', channel: 'webchat', language: 'nl' },
    ];
    const counts = countFunnel('2026-W48', events);
    expect(counts.total).to.deep.equal({ contact: 2, asked: 1, booked: 1, held: 0, noShow: 0 });
    expect(counts.byChannel.map((c) => [c.key, c.counts.contact])).to.deep.equal([
      ['webchat', 1],
      ['whatsapp', 1],
    ]);
    expect(counts.byLanguage.find((l) => l.key === 'ar')?.counts.booked).to.equal(0);
    expect(percentOf(1, 2)).to.equal(50);
    expect(percentOf(1, 0)).to.equal(0);
  });
});
