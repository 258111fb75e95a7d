import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { startEntraStandIn, type EntraStandIn } from './entraStandIn.js';
import { startApp } from './harness.js';

const clientId = '11111111-2222-3333-4444-555555555555';
const clientSecret = 'stand-in-secret';

/** The whole login against a local stand-in for Entra ID (see entraStandIn.ts for why and how). */
describe('staff login with Entra ID (OpenID Connect, code + PKCE) against a local stand-in', function () {
  this.timeout(30_000);
  let entra: EntraStandIn;
  let app: App;
  let url: string;

  before(async () => {
    entra = await startEntraStandIn({ tenant: 'contoso-tenant', clientId, clientSecret });
    ({ app, url } = await startApp({
      ENTRA_TENANT_ID: 'contoso-tenant',
      ENTRA_CLIENT_ID: clientId,
      ENTRA_CLIENT_SECRET: clientSecret,
      ENTRA_AUTHORITY: entra.authority,
    }));
  });
  after(async () => {
    await app?.close();
    await entra?.close();
  });

  /** Browser-like: start at Voordeur, go to the identity provider, come back with the code. */
  async function logIn(): Promise<{ callback: Response; authorize: URL; pendingCookie: string }> {
    const start = await fetch(new URL('staff/inloggen/entra?terug=%2Fstaff%2Fgesprekken', url), {
      redirect: 'manual',
    });
    expect(start.status).to.equal(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    const pendingCookie = start.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    expect(pendingCookie).to.match(/^__Host-vd-login=/);
    const atIdp = await fetch(authorize, { redirect: 'manual' });
    expect(atIdp.status).to.equal(302);
    const callback = await fetch(atIdp.headers.get('location') ?? '', {
      redirect: 'manual',
      headers: { cookie: pendingCookie },
    });
    return { callback, authorize, pendingCookie };
  }

  it('sends the browser to the authority with PKCE (S256), state, nonce and our redirect URI', async () => {
    const { authorize, callback } = await logIn();
    expect(authorize.origin + authorize.pathname).to.equal(
      entra.authority.replace('/v2.0', '/oauth2/v2.0/authorize'),
    );
    expect(authorize.searchParams.get('client_id')).to.equal(clientId);
    expect(authorize.searchParams.get('response_type')).to.equal('code');
    expect(authorize.searchParams.get('code_challenge_method')).to.equal('S256');
    expect(authorize.searchParams.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).to.have.length.greaterThan(20);
    expect(authorize.searchParams.get('nonce')).to.have.length.greaterThan(20);
    expect(authorize.searchParams.get('redirect_uri')).to.equal(
      new URL('staff/auth/callback', url).toString(),
    );
    expect(callback.status).to.equal(302);
  });

  it('logs a Team member in: a session cookie, back to the page asked for, the team pages open', async () => {
    entra.user = {
      oid: 'aaaaaaaa-0000-0000-0000-000000000002',
      name: 'Tessa Team',
      roles: ['Team'],
    };
    const { callback } = await logIn();
    expect(callback.headers.get('location')).to.equal('/staff/gesprekken');
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('__Host-vd-staff='));
    expect(session).to.match(/; HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
    const cookie = session?.split(';')[0] ?? '';
    const page = await fetch(new URL('staff/gesprekken', url), {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(page.status).to.equal(200);
    expect(await page.text()).to.include('Tessa Team');
    expect(
      (await fetch(new URL('staff/beheer', url), { headers: { cookie }, redirect: 'manual' }))
        .status,
    ).to.equal(403);
  });

  it('logging out ends the session here and offers to end the Microsoft sign-in too', async () => {
    entra.user = { oid: 'aaaaaaaa-0000-0000-0000-000000000003', name: 'Tim Team', roles: ['Team'] };
    const { callback } = await logIn();
    const cookie =
      callback.headers
        .getSetCookie()
        .find((c) => c.startsWith('__Host-vd-staff='))
        ?.split(';')[0] ?? '';
    const page = await fetch(new URL('staff/gesprekken', url), { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const out = await fetch(new URL('staff/uitloggen', url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(out.status).to.equal(303);
    expect(out.headers.get('location')).to.equal('/staff/inloggen?uitgelogd=1');
    const after = await fetch(new URL('staff/gesprekken', url), {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(after.status, 'the session is gone').to.be.oneOf([302, 401]);

    const html = await (await fetch(new URL(out.headers.get('location')!, url))).text();
    expect(html).to.include('U bent uitgelogd.');
    const href = /<a href="([^"]+)">Ook uitloggen bij Microsoft<\/a>/.exec(html)?.[1] ?? '';
    const signOut = new URL(href.replaceAll('&amp;', '&'));
    expect(signOut.origin + signOut.pathname).to.equal(
      entra.authority.replace('/v2.0', '/oauth2/v2.0/logout'),
    );
    expect(signOut.searchParams.get('post_logout_redirect_uri')).to.equal(
      new URL('staff/inloggen', url).toString(),
    );
    expect(signOut.searchParams.get('client_id')).to.equal(clientId);
  });

  it('a callback cannot be used twice: the login under way is consumed', async () => {
    const start = await fetch(new URL('staff/inloggen/entra', url), { redirect: 'manual' });
    const pendingCookie = start.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const atIdp = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const back = atIdp.headers.get('location') ?? '';
    const first = await fetch(back, { redirect: 'manual', headers: { cookie: pendingCookie } });
    expect(first.headers.get('location')).to.equal('/staff');
    const again = await fetch(back, { redirect: 'manual', headers: { cookie: pendingCookie } });
    expect(again.headers.get('location')).to.equal('/staff/inloggen?mislukt=1');
  });

  it('refuses a forged state, a wrong nonce and a token signed with another key', async () => {
    const start = await fetch(new URL('staff/inloggen/entra', url), { redirect: 'manual' });
    const pendingCookie = start.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const atIdp = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const forged = new URL(atIdp.headers.get('location') ?? '');
    forged.searchParams.set('state', 'forged');
    const refused = await fetch(forged, { redirect: 'manual', headers: { cookie: pendingCookie } });
    expect(refused.headers.get('location')).to.equal('/staff/inloggen?mislukt=1');
    expect(
      refused.headers
        .getSetCookie()
        .some((c) => c.startsWith('__Host-vd-staff=') && !c.startsWith('__Host-vd-staff=;')),
    ).to.equal(false);

    entra.nonceOverride = 'someone-elses-nonce';
    expect((await logIn()).callback.headers.get('location')).to.equal('/staff/inloggen?mislukt=1');
    entra.nonceOverride = undefined;

    entra.signWithStrangerKey = true;
    expect((await logIn()).callback.headers.get('location')).to.equal('/staff/inloggen?mislukt=1');
    entra.signWithStrangerKey = false;
  });

  it('a user without an app role gets no session and is told to ask for a role', async () => {
    entra.user = { oid: 'bbbbbbbb-0000-0000-0000-000000000003', name: 'Zonder Rol' };
    const { callback } = await logIn();
    expect(callback.status).to.equal(403);
    expect(await callback.text()).to.include('Coach, Team of Lead');
    expect(callback.headers.getSetCookie().some((c) => /^__Host-vd-staff=[^;]/.test(c))).to.equal(
      false,
    );
  });

  it('does not offer the local login when Entra is configured', async () => {
    const page = await (await fetch(new URL('staff/inloggen', url))).text();
    expect(page).to.include('Inloggen met Microsoft');
    expect(page).not.to.include('Lokaal inloggen');
    const local = await fetch(new URL('staff/inloggen/lokaal', url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'naam=x&rol=lead',
    });
    expect(local.status).to.equal(404);
  });
});
