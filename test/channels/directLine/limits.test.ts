import { expect } from 'chai';
import {
  call,
  inEachMode,
  read,
  send,
  startConversation,
  startDirectLine,
  texts,
  type Harness,
  type Json,
} from './harness.js';

inEachMode('local Direct Line limits', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  describe('refusals, with a reason', () => {
    let c: { token: string; conversationId: string };
    beforeEach(async () => {
      h = await startDirectLine();
      c = await startConversation(h);
    });

    it('401 without a bearer token', async () => {
      const none = await call(
        h,
        'GET',
        `/v3/directline/conversations/${c.conversationId}/activities`,
      );
      expect(none.status).to.equal(401);
      expect(none.body.error).to.deep.include({ code: 'MissingToken' });
      const basic = await call(h, 'POST', '/v3/directline/tokens/refresh', {
        authorization: 'Basic abc',
      });
      expect(basic.status).to.equal(401);
      expect(String((basic.body.error as Json).message)).to.contain('Bearer');
    });

    it('403 for an unknown token or a token for another conversation', async () => {
      const wrong = await read(h, { ...c, token: 'not-a-token' });
      expect(wrong.status).to.equal(403);
      expect(wrong.body.error).to.deep.equal({
        code: 'Forbidden',
        message: 'the token is not valid',
      });
      const other = await startConversation(h);
      const cross = await send(h, { ...c, token: other.token }, { type: 'message', text: 'hoi' });
      expect(cross.status).to.equal(403);
      expect(cross.body.error).to.deep.include({
        message: 'the token belongs to another conversation',
      });
      const crossRead = await read(h, { ...c, token: other.token });
      expect(crossRead.status).to.equal(403);
    });

    it('404 for an unknown conversation', async () => {
      const res = await read(h, { ...c, conversationId: 'bestaat-niet' });
      expect(res.status).to.equal(404);
      expect(res.body.error).to.deep.include({ code: 'NotFound' });
      const botSide = await call(h, 'POST', '/v3/conversations/bestaat-niet/activities', {
        body: { type: 'message', text: 'x' },
      });
      expect(botSide.status).to.equal(404);
    });

    it('400 for a malformed body or watermark', async () => {
      const cases: [object | string, string][] = [
        ['{not json', 'the body is not valid JSON'],
        [{ text: 'geen type' }, 'type:'],
        [{ type: 'message', text: 'x'.repeat(10_001) }, 'text:'],
        [{ type: 'message', text: 42 }, 'text:'],
        [{ type: 'message', locale: 'nl NL' }, 'locale: must be a BCP 47 tag'],
        [
          { type: 'message', attachments: [{ contentType: 'image/png' }] },
          'attachments: attachments are not supported',
        ],
      ];
      for (const [body, reason] of cases) {
        const res = await call(
          h,
          'POST',
          `/v3/directline/conversations/${c.conversationId}/activities`,
          {
            token: c.token,
            ...(typeof body === 'string' ? { raw: body } : { body }),
          },
        );
        expect(res.status, JSON.stringify(body).slice(0, 60)).to.equal(400);
        expect(String((res.body.error as Json).message)).to.contain(reason);
      }
      expect((await send(h, c, { type: 'message', text: 'x'.repeat(10_000) })).status).to.equal(
        200,
      );
      const watermark = await read(h, c, 'abc');
      expect(watermark.status).to.equal(400);
      expect(watermark.body.error).to.deep.include({
        message: 'watermark must be a whole number',
      });
      const badUser = await call(h, 'POST', '/v3/directline/tokens/generate', {
        body: { user: { id: '<b>' } },
      });
      expect(badUser.status).to.equal(400);
      expect(String((badUser.body.error as Json).message)).to.contain('user.id');
    });

    it('413 for a body over the limit', async () => {
      const res = await send(h, c, { type: 'message', text: 'x', value: 'y'.repeat(70 * 1024) });
      expect(res.status).to.equal(413);
      expect(res.body.error).to.deep.include({ code: 'MessageSizeTooBig' });
    });
  });

  describe('memory bounds', () => {
    it('never drops an active conversation: a new one gets 503 and Retry-After instead', async () => {
      h = await startDirectLine({ limits: { maxConversations: 2 } });
      const first = await startConversation(h);
      const second = await startConversation(h);
      const full = await call(h, 'POST', '/v3/directline/tokens/generate');
      expect(full.status).to.equal(503);
      expect(full.headers['retry-after']).to.equal('60');
      expect(full.body.error).to.deep.include({ code: 'ServiceUnavailable' });
      expect((await read(h, first)).status).to.equal(200);
      expect((await read(h, second)).status).to.equal(200);

      // The first resident keeps chatting (Web Chat refreshes its token); the second leaves.
      h.clock.advanceMinutes(20);
      const refreshed = await call(h, 'POST', '/v3/directline/tokens/refresh', {
        token: first.token,
      });
      expect(refreshed.status).to.equal(200);
      h.clock.advanceMinutes(11);
      const third = await startConversation(h);
      expect(third.generated.status).to.equal(200);
      expect((await read(h, first)).status, 'still active: kept').to.equal(200);
      expect((await read(h, third)).status).to.equal(200);
      expect((await read(h, second)).status, 'expired: dropped').to.equal(403);
    });

    it('drops a conversation that was never started before any started one', async () => {
      h = await startDirectLine({ limits: { maxConversations: 2 } });
      const active = await startConversation(h);
      const unstarted = await call(h, 'POST', '/v3/directline/tokens/generate');
      const next = await call(h, 'POST', '/v3/directline/tokens/generate');
      expect(next.status).to.equal(200);
      expect((await read(h, active)).status).to.equal(200);
      const gone = await call(h, 'POST', '/v3/directline/conversations', {
        token: String(unstarted.body.token),
      });
      expect(gone.status).to.equal(403);
    });

    it('a flood of token requests evicts no live conversation', async () => {
      h = await startDirectLine({
        limits: { maxConversations: 50, tokenRate: { burst: 10_000, perMinute: 10_000 } },
      });
      const residents = [await startConversation(h), await startConversation(h)];
      for (let i = 0; i < 300; i++) await call(h, 'POST', '/v3/directline/tokens/generate');
      for (const resident of residents) {
        expect((await send(h, resident, { type: 'message', text: 'hallo' })).status).to.equal(200);
      }
    });
  });

  describe('rate limits per client address', () => {
    it('answers 429 with Retry-After once the token routes are used up, and again later', async () => {
      h = await startDirectLine({ limits: { tokenRate: { burst: 3, perMinute: 6 } } });
      const statuses: number[] = [];
      let refusal: Awaited<ReturnType<typeof call>> | undefined;
      for (let i = 0; i < 5; i++) {
        const res = await call(h, 'POST', '/v3/directline/tokens/generate');
        statuses.push(res.status);
        if (res.status === 429) refusal = res;
      }
      expect(statuses).to.deep.equal([200, 200, 200, 429, 429]);
      expect(refusal?.headers['retry-after']).to.equal('10');
      expect(refusal?.body.error).to.deep.include({ code: 'TooManyRequests' });
      h.clock.advanceMinutes(1);
      expect((await call(h, 'POST', '/v3/directline/tokens/generate')).status).to.equal(200);
    });

    it('limits the conversation routes separately, so polling does not use up the token routes', async () => {
      h = await startDirectLine({ limits: { conversationRate: { burst: 5, perMinute: 60 } } });
      const c = await startConversation(h);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await read(h, c)).status);
      expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 429, 429]);
      expect(
        (await call(h, 'POST', '/v3/directline/tokens/refresh', { token: c.token })).status,
      ).to.equal(200);
    });
  });

  describe('memory bounds per conversation', () => {
    it('keeps at most maxActivitiesPerConversation, dropping the oldest', async () => {
      h = await startDirectLine({
        limits: { maxActivitiesPerConversation: 3 },
        deliver: async () => {},
      });
      const c = await startConversation(h);
      for (const text of ['1', '2', '3', '4', '5']) await send(h, c, { type: 'message', text });
      const res = await read(h, c);
      expect(texts(res.body)).to.deep.equal(['3', '4', '5']);
    });

    it('keeps at most maxBytesPerConversation, but always the newest activity', async () => {
      h = await startDirectLine({
        limits: { maxBytesPerConversation: 2000 },
        deliver: async () => {},
      });
      const c = await startConversation(h);
      for (const text of ['a', 'b', 'c'].map((x) => x.repeat(800)))
        await send(h, c, { type: 'message', text });
      expect(texts((await read(h, c)).body).map((t) => String(t)[0])).to.deep.equal(['c']);
      await send(h, c, { type: 'message', text: 'd'.repeat(5000) });
      expect(texts((await read(h, c)).body).map((t) => String(t)[0])).to.deep.equal(['d']);
    });
  });
});
