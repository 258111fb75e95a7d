import { expect } from 'chai';
import { ResidentErasure, type ResidentEraser } from '../../src/domain/erasure.js';

/** The erasure service itself: order, what later erasers learn, and a failure stops it. */
describe('the erasure service', () => {
  it('runs the erasers in order; a later one sees the bookings an earlier one found', async () => {
    const ran: string[] = [];
    const meetings: ResidentEraser = {
      containers: ['bookings', 'meetingNotes'],
      async eraseResident(subject) {
        ran.push(`meetings ${subject.key}`);
        subject.bookings.push({ coachId: 'elke', bookingId: 'b1' });
        return 1;
      },
    };
    const funnel: ResidentEraser = {
      containers: ['funnelEvents'],
      async eraseResident(subject) {
        ran.push(`funnel ${subject.bookings.map((b) => b.bookingId).join(',')}`);
        return 2;
      },
    };
    const erasure = new ResidentErasure([meetings, funnel]);
    expect(erasure.containers).to.deep.equal(['bookings', 'meetingNotes', 'funnelEvents']);
    expect(await erasure.erase('webchat/abc')).to.deep.equal({
      documents: { 'bookings+meetingNotes': 1, funnelEvents: 2 },
    });
    expect(ran).to.deep.equal(['meetings webchat/abc', 'funnel b1']);
  });

  it('stops at a failing eraser, so the conversation (erased last) stays to ask again', async () => {
    const ran: string[] = [];
    const failing: ResidentEraser = {
      containers: ['callbacks'],
      async eraseResident() {
        throw new Error('store unavailable');
      },
    };
    const conversation: ResidentEraser = {
      containers: ['conversations'],
      async eraseResident() {
        ran.push('conversation');
        return 1;
      },
    };
    const erasure = new ResidentErasure([failing, conversation]);
    let error: unknown;
    await erasure.erase('webchat/abc').catch((caught: unknown) => {
      error = caught;
    });
    expect(String(error)).to.include('store unavailable');
    expect(ran).to.deep.equal([]);
  });
});
