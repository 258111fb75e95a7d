import { expect } from 'chai';
import { activity, replyTexts, startChannel, type ChannelRig } from './channelRig.js';
import {
  appId,
  newRsaKey,
  startSilentEndpoint,
  startTokenStandIn,
  type TokenStandIn,
} from './tokenStandIn.js';

const auth = (openIdMetadataUrl: string) => ({
  appId,
  appPassword: 'not-a-real-secret',
  appType: 'MultiTenant' as const,
  tenantId: undefined,
  openIdMetadataUrl,
  keyFetchTimeoutMs: 300,
});

/** What a refused token gets: the same words whatever the reason, nothing internal. */
const unverified = { code: 'Unauthorized', message: 'the token could not be verified' };

describe('POST /api/messages with a Microsoft app id', () => {
  describe('against a local OpenID configuration and key set', () => {
    let standIn: TokenStandIn;
    let rig: ChannelRig;
    before(async () => {
      standIn = await startTokenStandIn();
      rig = await startChannel({ auth: auth(standIn.metadataUrl) });
    });
    after(async () => {
      await rig.close();
      await standIn.close();
    });

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    it('runs the turn for a valid token', async () => {
      const { status, body } = await rig.post(activity(), bearer(standIn.token()));
      expect(status).to.equal(200);
      expect(replyTexts(body)).to.deep.equal(['echo hallo']);
    });

    it('refuses every token that cannot be verified with 401 and the same plain reason', async () => {
      const now = Math.floor(Date.now() / 1000);
      const other = newRsaKey().privateKey;
      const cases: Record<string, string> = {
        expired: standIn.token({ exp: now - 3600, nbf: now - 7200 }),
        'not yet valid': standIn.token({ nbf: now + 3600 }),
        'wrong audience': standIn.token({ aud: '99999999-2222-3333-4444-555555555555' }),
        'wrong issuer': standIn.token({ iss: 'https://sts.windows.net/evil/' }),
        'wrong key, same kid': standIn.token({}, {}, other),
        'unknown kid': standIn.token({}, { kid: 'invented' }),
        'no kid': standIn.token({}, { kid: undefined }),
        'alg none': standIn.token({}, { alg: 'none' }),
        'HS256 with the public key as secret': standIn.token({}, { alg: 'HS256' }),
        'serviceurl of another channel': standIn.token({
          serviceurl: 'https://webchat.botframework.com/',
        }),
        'signature cut short': standIn.token().slice(0, -20),
      };
      const before = rig.turns;
      for (const [name, token] of Object.entries(cases)) {
        const { status, body } = await rig.post(activity(), bearer(token));
        expect(status, name).to.equal(401);
        expect(body, name).to.deep.equal(unverified);
      }
      const headers: Record<string, string>[] = [
        {},
        { authorization: 'Basic abc' },
        { authorization: 'Bearer x' },
      ];
      for (const header of headers) {
        const { status } = await rig.post(activity(), header);
        expect(status, JSON.stringify(header)).to.equal(401);
      }
      expect(rig.turns, 'no turn ran').to.equal(before);
    });

    it('refuses a key endorsed for other channels', async () => {
      const { status } = await rig.post(
        activity({ channelId: 'directline' }),
        bearer(standIn.token()),
      );
      expect(status).to.equal(401);
    });

    it('keeps the keys: forged tokens cause at most one more download', async () => {
      const downloads = standIn.requests.length;
      for (let i = 0; i < 20; i++) {
        await rig.post(activity(), bearer(standIn.token({}, { kid: `invented-${i}` })));
        await rig.post(activity(), bearer(standIn.token()));
      }
      expect(standIn.requests.length - downloads).to.be.at.most(2);
    });
  });

  describe('when the signing keys cannot be had', () => {
    it('answers 503 within bounded time, one download at a time, when the endpoint never answers', async () => {
      const silent = await startSilentEndpoint();
      const standIn = await startTokenStandIn();
      const rig = await startChannel({ auth: auth(silent.url) });
      try {
        const started = performance.now();
        const answers = await Promise.all(
          Array.from({ length: 20 }, () =>
            rig.post(activity(), { authorization: `Bearer ${standIn.token()}` }),
          ),
        );
        const elapsed = performance.now() - started;
        for (const { status, body, headers } of answers) {
          expect(status).to.equal(503);
          expect(body).to.deep.equal({
            code: 'ServiceUnavailable',
            message: 'the token cannot be verified now; try again later',
          });
          expect(headers.get('retry-after')).to.equal('10');
        }
        expect(elapsed, 'bounded by the 300 ms download limit').to.be.below(3000);
        expect(silent.connections(), 'one download for 20 requests').to.equal(1);
        const again = await rig.post(activity(), { authorization: `Bearer ${standIn.token()}` });
        expect(again.status).to.equal(503);
        expect(silent.connections(), 'no new download right after a failure').to.equal(1);
        expect(rig.logs.join('\n')).not.to.match(/ENOTFOUND|ECONNREFUSED|stack/);
      } finally {
        await rig.close();
        await standIn.close();
        await silent.close();
      }
    });

    it('answers 503 without internals when the endpoint refuses connections', async () => {
      const standIn = await startTokenStandIn();
      const rig = await startChannel({ auth: auth('http://127.0.0.1:9/openid') });
      try {
        const { status, text } = await rig.post(activity(), {
          authorization: `Bearer ${standIn.token()}`,
        });
        expect(status).to.equal(503);
        expect(text).not.to.match(/ECONNREFUSED|127\.0\.0\.1|fetch failed/);
      } finally {
        await rig.close();
        await standIn.close();
      }
    });
  });
});
