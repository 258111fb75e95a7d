import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import type { App } from '../../src/app.js';
import { CosmosBookingStore } from '../../src/adapters/cosmos/cosmosBookings.js';
import { CosmosCallbackStore } from '../../src/adapters/cosmos/cosmosCallbacks.js';
import { CosmosReviewStore } from '../../src/adapters/cosmos/cosmosReviews.js';
import { startReview, updateReview, withStep } from '../../src/domain/conversationReview.js';
import { bookingId, type Booking } from '../../src/ports/bookings.js';
import { fixedClock, mondayMorning } from '../clocks.js';
import { localLogin, startApp, type StaffAgent } from './harness.js';

const ttlSeconds = 30 * 86_400;
const clock = fixedClock();

function booking(coachId: string, start: string, extra: Partial<Booking['summary']> = {}): Booking {
  const end = new Date(Date.parse(start) + 45 * 60_000).toISOString();
  return {
    id: bookingId(coachId, start),
    coachId,
    start,
    end,
    residentKey: `webchat/resident-of-${coachId}-${start}`,
    form: 'phone',
    summary: {
      intent: 'work',
      wishes: `wens voor ${coachId}`,
      form: 'phone',
      language: 'nl',
      channel: 'webchat',
      ...extra,
    },
    createdAt: mondayMorning,
  };
}

/** Every staff route, with what it needs; one POST form each where it is a POST. */
const routes: { method: 'GET' | 'POST'; path: string; team: boolean; admin?: boolean }[] = [
  { method: 'GET', path: '/staff/afspraken', team: false },
  {
    method: 'POST',
    path: `/staff/afspraken/${bookingId('elke', '2026-11-25T09:00:00.000Z')}`,
    team: false,
  },
  { method: 'GET', path: '/staff/terugbellen', team: true },
  { method: 'POST', path: '/staff/terugbellen/cb-1', team: true },
  { method: 'GET', path: '/staff/gesprekken', team: true },
  { method: 'GET', path: '/staff/gesprekken/AAAAAAAAAAAA', team: true },
  { method: 'GET', path: '/staff/export/gesprekken.csv', team: true },
  { method: 'GET', path: '/staff/cijfers', team: true },
  { method: 'GET', path: '/staff/beheer', team: true, admin: true },
  { method: 'POST', path: '/staff/beheer/koppel', team: true, admin: true },
  { method: 'GET', path: '/staff/logboek', team: false },
  { method: 'GET', path: '/staff', team: false },
];

describe('staff pages: who may see what', function () {
  this.timeout(30_000);
  let app: App;
  let url: string;
  let elke: StaffAgent;
  let samir: StaffAgent;
  let team: StaffAgent;
  let lead: StaffAgent;
  const past = '2026-11-20T09:00:00.000Z';

  before(async () => {
    ({ app, url } = await startApp({}, clock));
    const bookings = new CosmosBookingStore(app.cosmos.containers.bookings, { ttlSeconds, clock });
    await bookings.create(booking('elke', '2026-11-25T09:00:00.000Z', { phone: '06 11112222' }), {
      bufferMinutes: 15,
    });
    await bookings.create(booking('elke', past), { bufferMinutes: 15 });
    await bookings.create(booking('samir', '2026-11-25T09:00:00.000Z'), { bufferMinutes: 15 });
    await new CosmosCallbackStore(app.cosmos.containers.callbacks, { ttlSeconds }).put({
      id: 'cb-1',
      residentKey: 'webchat/caller',
      phone: '06 99998888',
      consentAt: mondayMorning,
      preferredTimes: 'na 3 uur',
      language: 'tr',
      channel: 'webchat',
      createdAt: mondayMorning,
    });
    const reviews = new CosmosReviewStore(app.cosmos.containers.conversationReviews, {
      ttlSeconds,
    });
    const started = startReview({
      id: 'AAAAAAAAAAAA',
      week: '2026-W48',
      at: mondayMorning,
      channel: 'webchat',
      language: 'nl',
    });
    await reviews.update('AAAAAAAAAAAA', () =>
      updateReview(started, mondayMorning, (r) => ({
        ...r,
        steps: withStep(withStep(r.steps, 'greeted'), 'question'),
      })),
    );
    elke = await localLogin(url, { name: 'Elke', role: 'coach', coach: 'elke' });
    samir = await localLogin(url, { name: 'Samir', role: 'coach', coach: 'samir' });
    team = await localLogin(url, { name: 'Tom', role: 'team' });
    lead = await localLogin(url, { name: 'Lotte', role: 'lead' });
  });
  after(async () => {
    await app?.close();
  });

  describe('anonymous', () => {
    for (const route of routes) {
      it(`${route.method} ${route.path}: a browser is sent to log in, anything else gets 401`, async () => {
        if (route.method === 'GET') {
          const browser = await fetch(new URL(route.path, url), {
            redirect: 'manual',
            headers: { accept: 'text/html' },
          });
          expect(browser.status).to.equal(302);
          expect(browser.headers.get('location')).to.match(/^\/staff\/inloggen\?terug=/);
        }
        const other = await fetch(new URL(route.path, url), {
          method: route.method,
          redirect: 'manual',
          ...(route.method === 'POST'
            ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' }
            : {}),
        });
        expect(other.status).to.equal(401);
        expect(await other.text()).not.to.match(/06 \d{8}|wens voor/);
      });
    }
  });

  describe('a coach', () => {
    for (const route of routes.filter((r) => r.team)) {
      it(`${route.method} ${route.path}: 403, and nothing of residents in the answer`, async () => {
        const response =
          route.method === 'GET'
            ? await elke.get(route.path)
            : await elke.post(route.path, {
                _csrf: elke.csrf,
                actie: 'claim',
                login: 'x',
                coach: '',
              });
        expect(response.status).to.equal(403);
        expect(await response.text()).not.to.match(/06 \d{8}|wens voor|na 3 uur/);
      });
    }

    it('sees their own meetings with the handoff, and no other coach’s', async () => {
      const page = await (await elke.get('/staff/afspraken')).text();
      expect(page).to.include('wens voor elke');
      expect(page).not.to.include('wens voor samir');
      const other = await (await samir.get('/staff/afspraken')).text();
      expect(other).to.include('wens voor samir');
      expect(other).not.to.include('wens voor elke');
    });

    it('sees the phone number only where the resident consented to give it', async () => {
      const page = await (await elke.get('/staff/afspraken')).text();
      expect(page).to.include('06 11112222');
      expect(page.match(/<dt>Telefoon<\/dt>/g)).to.have.length(1);
    });

    it('cannot write to another coach’s meeting: it is not found', async () => {
      const response = await elke.post(
        `/staff/afspraken/${bookingId('samir', '2026-11-25T09:00:00.000Z')}`,
        {
          _csrf: elke.csrf,
          uitkomst: 'moved',
          notitie: 'niet van mij',
        },
      );
      expect(response.status).to.equal(404);
      expect(await (await samir.get('/staff/afspraken')).text()).not.to.include('niet van mij');
    });

    it('gets 400 for a malformed meeting id or outcome, 403 without the form secret', async () => {
      expect(
        (await elke.post('/staff/afspraken/..%2F..%2Fetc', { _csrf: elke.csrf })).status,
      ).to.equal(400);
      expect(
        (
          await elke.post(`/staff/afspraken/${bookingId('elke', past)}`, {
            _csrf: elke.csrf,
            uitkomst: 'party',
          })
        ).status,
      ).to.equal(400);
      expect(
        (await elke.post(`/staff/afspraken/${bookingId('elke', past)}`, { uitkomst: 'held' }))
          .status,
      ).to.equal(403);
      expect(
        (
          await elke.post(
            `/staff/afspraken/${bookingId('elke', past)}`,
            { _csrf: elke.csrf, uitkomst: 'held' },
            { origin: 'https://evil.example' },
          )
        ).status,
      ).to.equal(403);
    });

    it('marks a past meeting held with a note; the funnel counts it in the conversation’s week', async () => {
      const response = await elke.post(`/staff/afspraken/${bookingId('elke', past)}`, {
        _csrf: elke.csrf,
        uitkomst: 'held',
        notitie: 'Goed gesprek, volgende week verder.',
      });
      expect(response.status).to.equal(303);
      const page = await (await elke.get('/staff/afspraken')).text();
      expect(page).to.include('Goed gesprek, volgende week verder.');
      const funnel = await (await lead.get('/staff/cijfers?week=2026-W48')).text();
      expect(funnel).to.match(/Gesprek gehouden: 1/);
    });

    it('sees only their own lines in the audit log', async () => {
      const log = await (await elke.get('/staff/logboek?maand=2026-11')).text();
      expect(log).to.include('Eigen afspraken bekeken');
      expect(log).not.to.include('Tom');
    });
  });

  describe('a team member', () => {
    it('cannot open administration or a coach’s page', async () => {
      expect((await team.get('/staff/beheer')).status).to.equal(403);
      expect(
        (await team.post('/staff/beheer/koppel', { _csrf: team.csrf, login: 'x', coach: '' }))
          .status,
      ).to.equal(403);
      expect((await team.get('/staff/afspraken')).status).to.equal(403);
    });

    it('gets 400 for malformed ids, weeks, filters and cursors', async () => {
      for (const path of [
        '/staff/gesprekken/not-a-pseudonym!',
        '/staff/gesprekken?week=2026-48',
        '/staff/gesprekken?week=2027-W53',
        '/staff/gesprekken?stand=happy',
        '/staff/gesprekken?coach=Elke%20K',
        '/staff/gesprekken?na=%7B%22bad%22%7D',
        '/staff/gesprekken?na=eyJub3QiOiJhIHRva2VuIn0',
        '/staff/export/gesprekken.csv?tot=2030-W01',
        '/staff/cijfers?week=x',
        '/staff/logboek?maand=2026-13',
      ]) {
        expect((await team.get(path)).status, path).to.equal(400);
      }
      expect(
        (await team.post('/staff/terugbellen/a%20b', { _csrf: team.csrf, actie: 'claim' })).status,
      ).to.equal(400);
      expect(
        (await team.post('/staff/terugbellen/cb-1', { _csrf: team.csrf, actie: 'shout' })).status,
      ).to.equal(400);
    });

    it('claims a call-back; a colleague is told it is taken; the claim is audited', async () => {
      const queue = await (await team.get('/staff/terugbellen')).text();
      expect(queue).to.include('06 99998888');
      expect(queue).to.include('na 3 uur');
      expect(
        (await team.post('/staff/terugbellen/cb-1', { _csrf: team.csrf, actie: 'claim' })).status,
      ).to.equal(303);
      const refused = await lead.post('/staff/terugbellen/cb-1', {
        _csrf: lead.csrf,
        actie: 'claim',
      });
      expect(refused.headers.get('location')).to.equal('/staff/terugbellen?bezet=cb-1');
      expect(await (await lead.get('/staff/terugbellen')).text()).to.include('Opgepakt door Tom');
      expect(
        (await team.post('/staff/terugbellen/cb-1', { _csrf: team.csrf, actie: 'done' })).status,
      ).to.equal(303);
      expect(await (await team.get('/staff/terugbellen')).text()).not.to.include('06 99998888');
      const log = await (await lead.get('/staff/logboek?maand=2026-11')).text();
      expect(log).to.include('Terugbelverzoek opgepakt');
    });

    it('opens a summary with its steps, and no free text; the opening is audited', async () => {
      const detail = await (await team.get('/staff/gesprekken/AAAAAAAAAAAA')).text();
      expect(detail).to.include('Vraag gesteld');
      expect(detail).to.include('Alleen een vraag');
      const log = await (await team.get('/staff/logboek?maand=2026-11')).text();
      expect(log).to.include('Gesprek bekeken');
      expect(log).to.include('AAAAAAAAAAAA');
    });

    it('exports the week as CSV (semicolons, formula-safe), and the export is audited', async () => {
      const response = await team.get('/staff/export/gesprekken.csv?week=2026-W48&stand=question');
      expect(response.headers.get('content-type')).to.match(/^text\/csv/);
      expect(response.headers.get('cache-control')).to.equal('no-store');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)], 'a UTF-8 byte order mark').to.deep.equal([
        0xef, 0xbb, 0xbf,
      ]);
      const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
      expect(lines[0]).to.equal(
        'id;week;begonnen;laatst_actief;stand;kanaal;taal;coach;komt_voor;vorm;stappen',
      );
      expect(lines).to.have.length(2);
      expect(lines[1]).to.match(/^AAAAAAAAAAAA;2026-W48;.*;question;webchat;nl;/);
      expect(await (await team.get('/staff/logboek?maand=2026-11')).text()).to.include(
        'Gesprekken gedownload',
      );
    });
  });

  describe('every staff page', () => {
    it('is not cached, has a CSP without script, and refuses framing', async () => {
      for (const path of [
        '/staff/terugbellen',
        '/staff/gesprekken',
        '/staff/cijfers',
        '/staff/inloggen',
      ]) {
        const response = await lead.get(path);
        expect(response.headers.get('cache-control'), path).to.equal('no-store');
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).to.include("default-src 'none'");
        expect(csp).not.to.include('script-src');
        expect(csp).to.include("frame-ancestors 'none'");
        expect(await response.text()).not.to.include('<script');
      }
    });

    it('the session cookie is Secure, HttpOnly and SameSite; logging out ends the session', async () => {
      const agent = await localLogin(url, { name: 'Kort', role: 'team' });
      expect((await agent.get('/staff/terugbellen')).status).to.equal(200);
      const out = await agent.post('/staff/uitloggen', { _csrf: agent.csrf });
      expect(out.status).to.equal(303);
      expect(out.headers.get('location')).to.equal('/staff/inloggen?uitgelogd=1');
      expect(out.headers.getSetCookie()[0]).to.match(
        /^__Host-vd-staff=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0; Secure$/,
      );
      expect((await agent.get('/staff/terugbellen')).status).to.equal(302);
    });
  });

  describe('the local login', () => {
    it('is refused when the request names a host other than this computer', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const target = new URL('/staff/inloggen/lokaal', url);
        const req = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            headers: {
              host: 'voordeur.example.nl',
              'content-type': 'application/x-www-form-urlencoded',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('naam=x&rol=lead');
      });
      expect(status).to.equal(403);
    });
  });
});
