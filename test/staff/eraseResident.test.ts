import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CosmosCallbackStore } from '../../src/adapters/cosmos/cosmosCallbacks.js';
import { fixedClock, mondayMorning } from '../clocks.js';
import { tracesOf } from '../privacy/traces.js';
import { localLogin, startApp, type StaffAgent } from './harness.js';

/**
 * A resident asks by phone to erase their data: a team member finds them by the number they
 * gave and erases everything, through the real app and its embedded Cosmos DB. Audited by name.
 */
describe('staff erase a resident for a request by phone or letter', function () {
  this.timeout(60_000);
  let app: App;
  let url: string;
  let team: StaffAgent;
  let coach: StaffAgent;

  before(async () => {
    ({ app, url } = await startApp({}, fixedClock()));
    team = await localLogin(url, { name: 'Tom', role: 'team' });
    coach = await localLogin(url, { name: 'Elke', role: 'coach', coach: 'elke' });
    const callbacks = new CosmosCallbackStore(app.cosmos.containers.callbacks, {
      ttlSeconds: 3600,
    });
    await callbacks.put({
      id: 'cb-erase-1',
      residentKey: 'webchat/conv-erase-by-phone',
      phone: '+31612345678',
      consentAt: mondayMorning,
      preferredTimes: 'dinsdagochtend',
      language: 'nl',
      channel: 'webchat',
      createdAt: mondayMorning,
    });
  });

  after(async () => {
    await app?.close();
  });

  it('shows the form to the team, not to a coach', async () => {
    const page = await team.get('/staff/wissen');
    expect(page.status).to.equal(200);
    expect(await page.text()).to.include('Gegevens van een inwoner wissen');
    expect((await coach.get('/staff/wissen')).status).to.equal(403);
  });

  it('refuses a post without the form token, and a number that is not one', async () => {
    const forged = await team.post('/staff/wissen', { telefoon: '06 12345678', zeker: 'ja' });
    expect(forged.status).to.equal(403);
    const bad = await team.post('/staff/wissen', { _csrf: team.csrf, telefoon: '12', zeker: 'ja' });
    expect(bad.status).to.equal(400);
    expect(await tracesOf(app.cosmos.containers, ['612345678'])).to.have.length(1);
  });

  it('erases what the number leads to, and writes an audit line without the number', async () => {
    const done = await team.post('/staff/wissen', {
      _csrf: team.csrf,
      telefoon: '06-1234 5678',
      zeker: 'ja',
    });
    expect(done.status).to.equal(200);
    expect(await done.text()).to.include('Gewist: 1 gesprek met alles wat erbij hoort.');
    expect(
      await tracesOf(app.cosmos.containers, ['612345678', 'conv-erase-by-phone', 'dinsdagochtend']),
    ).to.deep.equal([]);
    const { resources: audit } = await app.cosmos.containers.staffAudit.items
      .query<{ action: string; actorName: string; subject?: string }>(
        "SELECT * FROM c WHERE c.action = 'eraseResident'",
      )
      .fetchAll();
    expect(audit.map((line) => [line.actorName, line.subject])).to.deep.equal([['Tom', undefined]]);

    const again = await team.post('/staff/wissen', {
      _csrf: team.csrf,
      telefoon: '06 12345678',
      zeker: 'ja',
    });
    expect(await again.text()).to.include('Met dit nummer bewaren we niets.');
  });
});
