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
    it('keeps at most maxConversations, dropping the least recently active', async () => {
      h = await startDirectLine({ limits: { maxConversations: 2 } });
      const first = await startConversation(h);
      const second = await startConversation(h);
      await send(h, first, { type: 'message', text: 'nog actief' });
      const third = await startConversation(h);
      expect((await read(h, first)).status).to.equal(200);
      expect((await read(h, third)).status).to.equal(200);
      const dropped = await read(h, second);
      expect(dropped.status).to.equal(403);
    });

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
