import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CosmosOutbox } from '../../src/adapters/cosmos/cosmosOutbox.js';
import type { OutboxJob } from '../../src/ports/outbox.js';
import { fixedClock } from '../clocks.js';
import { localLogin, startApp } from '../staff/harness.js';

const clock = fixedClock('2026-11-23T08:15:00.000Z');

const job = (id: string, extra: Partial<OutboxJob>): OutboxJob => ({
  id,
  pk: 'elke_2026-11-26T08-00-00-000Z',
  kind: 'calendarPut',
  coachId: 'elke',
  bookingCreatedAt: '2026-11-23T08:00:00.000Z',
  residentKey: 'webchat/x',
  receivedAt: clock.now().getTime(),
  dueAt: clock.now().getTime(),
  state: 'pending',
  attempts: 0,
  ttl: 3600,
  ...extra,
});

describe('staff page: Agenda-opdrachten die niet lukken (real app, Cosmos server)', function () {
  this.timeout(30_000);
  let app: App;
  let url: string;

  before(async () => {
    ({ app, url } = await startApp({}, clock));
    const outbox = new CosmosOutbox(app.cosmos.containers.outbox);
    await outbox.add(job('calendarPut.1', { state: 'failed', outcome: 'conflict', attempts: 1 }));
    await outbox.add(
      job('calendarRemove.1', {
        kind: 'calendarRemove',
        pk: 'elke_2026-11-27T08-00-00-000Z',
        attempts: 4,
        lastError: 'VD_CALENDAR_UNAVAILABLE',
        dueAt: clock.now().getTime() + 600_000,
      }),
    );
    // Done, or failed once only: not shown.
    await outbox.add(job('calendarPut.2', { pk: 'elke_2026-11-28T08-00-00-000Z', attempts: 1 }));
  });
  after(() => app?.close());

  it('shows the team the clash and the calendar that stays down; not the rest', async () => {
    const team = await localLogin(url, { name: 'Tom', role: 'team' });
    const response = await team.get('/staff/agenda');
    expect(response.status).to.equal(200);
    const html = await response.text();
    expect(html).to.include('Agenda-opdrachten die niet lukken');
    expect(html).to.include('Botsing');
    expect(html).to.include('De agenda is niet bereikbaar.');
    expect(html).to.include('26 nov 09:00');
    expect(html).to.include('27 nov 09:00');
    expect(html).not.to.include('28 nov');
  });

  it('is not for a coach', async () => {
    const elke = await localLogin(url, { name: 'Elke', role: 'coach', coach: 'elke' });
    expect((await elke.get('/staff/agenda')).status).to.equal(403);
  });
});
