import { expect } from 'chai';
import {
  call,
  enc,
  inEachMode,
  read,
  send,
  startConversation,
  startDirectLine,
  texts,
  until,
  type Harness,
} from './harness.js';

inEachMode('local Direct Line', (each) => {
  let h: Harness;
  afterEach(async () => h?.close());

  describe('tokens and starting a conversation', () => {
    beforeEach(async () => {
      h = await startDirectLine();
    });

    it('binds a generated token to one new conversation for the user id asked for', async () => {
      const c = await startConversation(h, 'inwoner-1');
      expect(c.generated.status).to.equal(200);
      expect(c.generated.body).to.include.keys('conversationId', 'token', 'expires_in');
      expect(c.generated.body.expires_in).to.equal(1800);
      expect(c.started.status).to.equal(201);
      expect(c.conversationId).to.equal(c.generated.body.conversationId);
      expect(c.started.body.token).to.equal(c.token);
    });

    it('puts the user id in the token, where Web Chat reads it', async () => {
      const { token } = await startConversation(h, 'inwoner-1');
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
      expect(payload.user).to.equal('inwoner-1');
    });

    it('gives a random dl_ user id when none is asked for', async () => {
      await startConversation(h);
      await until(async () => h.delivered[0], 'the conversationUpdate');
      expect(h.delivered[0]?.from?.id).to.match(/^dl_[0-9a-f-]{36}$/);
    });

    it('tells the bot about bot and user first, so the bot greets before the resident types', async () => {
      const c = await startConversation(h, 'inwoner-1');
      const update = await until(async () => h.delivered[0], 'the conversationUpdate');
      expect(update.type).to.equal('conversationUpdate');
      expect(update.membersAdded?.map((m) => m.id)).to.deep.equal(['bot', 'inwoner-1']);
      expect(update.conversation?.id).to.equal(c.conversationId);
      expect(update.channelId).to.equal('webchat');
      expect(update.serviceUrl).to.equal(h.base);
      const first = await until(
        async () => (await read(h, c)).body.activities?.[0],
        'the greeting',
      );
      expect(first.text).to.contain('computer');
      expect(first.from).to.deep.include({ id: 'bot', role: 'bot' });
    });

    it('greets once when the same conversation is started again', async () => {
      const c = await startConversation(h);
      const again = await call(h, 'POST', '/v3/directline/conversations', { token: c.token });
      expect(again.status).to.equal(200);
      expect(again.body.conversationId).to.equal(c.conversationId);
      await until(
        async () => ((await read(h, c)).body.activities?.length ? true : undefined),
        'greeting',
      );
      expect(h.delivered.filter((a) => a.type === 'conversationUpdate')).to.have.length(1);
    });

    it('starts a new conversation without a token, as botframework-directlinejs does with a user and locale', async () => {
      const res = await call(h, 'POST', '/v3/directline/conversations', {
        body: { user: { id: 'inwoner-2' }, locale: 'en-US' },
      });
      expect(res.status).to.equal(201);
      const update = await until(async () => h.delivered[0], 'the conversationUpdate');
      expect(update.from?.id).to.equal('inwoner-2');
      expect(update.locale).to.equal('en-US');
      const info = await call(
        h,
        'GET',
        `/v3/directline/conversations/${String(res.body.conversationId)}`,
        {
          token: String(res.body.token),
        },
      );
      expect(info.status).to.equal(200);
      expect(info.body.conversationId).to.equal(res.body.conversationId);
    });

    it('extends a token on refresh and refuses it once it has expired', async () => {
      const c = await startConversation(h);
      h.clock.advanceMinutes(20);
      const refreshed = await call(h, 'POST', '/v3/directline/tokens/refresh', {
        token: c.token,
      });
      expect(refreshed.status).to.equal(200);
      expect(refreshed.body).to.deep.include({
        conversationId: c.conversationId,
        expires_in: 1800,
      });
      h.clock.advanceMinutes(29);
      expect((await read(h, c)).status).to.equal(200);
      h.clock.advanceMinutes(2);
      const expired = await read(h, c);
      expect(expired.status).to.equal(403);
      expect(expired.body.error).to.deep.equal({
        code: 'TokenExpired',
        message: 'the token has expired',
      });
      // A browser that kept the conversation may refresh it within the resume window (14 days).
      h.clock.advanceMinutes(13 * 24 * 60);
      const resumed = await call(h, 'POST', '/v3/directline/tokens/refresh', { token: c.token });
      expect(resumed.status).to.equal(200);
      expect((await read(h, c)).status).to.equal(200);
      h.clock.advanceMinutes(15 * 24 * 60);
      expect(
        (await call(h, 'POST', '/v3/directline/tokens/refresh', { token: c.token })).status,
      ).to.equal(403);
    });
  });

  describe('messages', () => {
    beforeEach(async () => {
      h = await startDirectLine();
    });

    it('echoes the message stamped by the server, delivers it and shows the reply', async () => {
      const c = await startConversation(h, 'inwoner-1');
      const sent = await send(h, c, {
        type: 'message',
        text: 'Ik zoek werk',
        locale: 'nl-NL',
        from: { id: 'iemand-anders', name: 'Anna' },
        channelData: { clientActivityID: 'abc' },
        conversation: { id: 'andere' },
        serviceUrl: 'http://elders.example',
      });
      expect(sent.status).to.equal(200);
      expect(sent.body.id).to.match(new RegExp(`^${c.conversationId}\\|\\d{7}$`));
      const all = await until(async () => {
        const res = await read(h, c);
        return (res.body.activities?.length ?? 0) >= 3 ? res.body : undefined;
      }, 'echo and reply');
      expect(texts(all)).to.deep.equal([
        'Hallo! Ik ben een computer.',
        'Ik zoek werk',
        'ontvangen (12 tekens)',
      ]);
      const echo = all.activities?.[1] ?? {};
      expect(echo).to.deep.include({
        id: sent.body.id,
        channelId: 'webchat',
        conversation: { id: c.conversationId },
        from: { id: 'inwoner-1', name: 'Anna', role: 'user' },
        recipient: { id: 'bot', role: 'bot' },
        channelData: { clientActivityID: 'abc' },
        timestamp: '2026-03-02T09:00:00.000Z',
      });
      expect(echo).not.to.have.property('serviceUrl');
      const message = h.delivered.find((a) => a.type === 'message');
      expect(message?.from?.id).to.equal('inwoner-1');
      expect(message?.serviceUrl).to.equal(h.base);
      expect(message?.conversation?.id).to.equal(c.conversationId);
    });

    it('pages with the watermark: each poll returns only what is new', async () => {
      const c = await startConversation(h);
      const first = await until(async () => {
        const res = await read(h, c);
        return res.body.activities?.length === 1 ? res.body : undefined;
      }, 'greeting');
      const watermark = String(first.watermark);
      const nothingNew = await read(h, c, watermark);
      expect(nothingNew.body).to.deep.equal({ activities: [], watermark });
      await send(h, c, { type: 'message', text: 'een' });
      const next = await until(async () => {
        const res = await read(h, c, watermark);
        return res.body.activities?.length === 2 ? res.body : undefined;
      }, 'echo and reply');
      expect(texts(next)).to.deep.equal(['een', 'ontvangen (3 tekens)']);
      expect(Number(next.watermark)).to.be.greaterThan(Number(watermark));
      expect((await read(h, c, String(next.watermark))).body.activities).to.deep.equal([]);
      expect((await read(h, c, '')).body.activities).to.have.length(3);
    });

    it('answers the client before the bot has finished its turn', async () => {
      let release = () => {};
      const botBusy = new Promise<void>((resolve) => (release = resolve));
      h = await startDirectLine({
        deliver: (a) => (a.type === 'message' ? botBusy : Promise.resolve()),
      });
      const c = await startConversation(h);
      const sent = await send(h, c, { type: 'message', text: 'hallo' });
      expect(sent.status).to.equal(200);
      expect(texts((await read(h, c)).body)).to.deep.equal(['hallo']);
      release();
    });

    it('hands the bot one activity at a time per conversation, in order', async () => {
      const seen: string[] = [];
      let running = 0;
      let mostAtOnce = 0;
      h = await startDirectLine({
        deliver: async (a) => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          seen.push(a.text ?? a.type ?? '');
          running -= 1;
        },
      });
      const c = await startConversation(h);
      await Promise.all(['a', 'b', 'c'].map((text) => send(h, c, { type: 'message', text })));
      await until(async () => (seen.length === 4 ? true : undefined), 'four deliveries');
      expect(mostAtOnce).to.equal(1);
      expect(seen[0]).to.equal('conversationUpdate');
      expect([...seen.slice(1)].sort()).to.deep.equal(['a', 'b', 'c']);
    });

    it('logs a failed delivery with ids only, and keeps delivering', async () => {
      h = await startDirectLine({
        deliver: async (a) => {
          if (a.text === 'geheim 0612345678') throw new Error(`bot failed on "${a.text}"`);
        },
      });
      const c = await startConversation(h);
      await send(h, c, { type: 'message', text: 'geheim 0612345678' });
      await send(h, c, { type: 'message', text: 'daarna' });
      await until(async () => (h.delivered.length === 3 ? true : undefined), 'three deliveries');
      const failure = await until(
        async () => h.logLines.find((l) => l.msg === 'delivering an activity to the bot failed'),
        'the error log',
      );
      expect(failure).to.deep.include({
        level: 50,
        conversationId: c.conversationId,
        activityType: 'message',
      });
      expect(JSON.stringify(h.logLines)).not.to.contain('0612345678');
    });

    it("shows a bot's update in place of the original", async () => {
      const c = await startConversation(h);
      const greeting = await until(async () => {
        const res = await read(h, c);
        return res.body.activities?.length === 1 ? res.body : undefined;
      }, 'greeting');
      await send(h, c, { type: 'message', text: 'wijzig' });
      const after = await until(async () => {
        const res = await read(h, c, String(greeting.watermark));
        return texts(res.body).includes('tweede versie') ? res.body : undefined;
      }, 'the update');
      expect(texts(after)).to.deep.equal(['wijzig', 'tweede versie']);
      const everything = (await read(h, c)).body.activities ?? [];
      expect(everything.map((a) => a.text)).to.deep.equal([
        'Hallo! Ik ben een computer.',
        'wijzig',
        'tweede versie',
      ]);
      expect(everything[2]?.id).to.equal(h.botIds[1]);
    });

    it('lets the bot send without replying to anything, and delete what it sent', async () => {
      const c = await startConversation(h);
      const path = `/v3/conversations/${enc(c.conversationId)}/activities`;
      const sent = await call(h, 'POST', path, {
        body: { type: 'message', text: 'los bericht' },
      });
      expect(sent.status).to.equal(200);
      expect(texts((await read(h, c)).body)).to.include('los bericht');
      const deleted = await call(h, 'DELETE', `${path}/${enc(String(sent.body.id))}`);
      expect(deleted.status).to.equal(200);
      expect(texts((await read(h, c)).body)).not.to.include('los bericht');
    });

    if (each === 'socket') {
      it('reads a body sent without a length itself, counting the bytes as they come', async () => {
        const c = await startConversation(h, 'inwoner-3');
        const chunked = (json: object) =>
          fetch(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
            method: 'POST',
            headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
            body: new Blob([JSON.stringify(json)]).stream(),
            duplex: 'half',
          } as RequestInit);
        const small = await chunked({ type: 'message', text: 'hoi' });
        expect(small.status).to.equal(200);
        const big = await chunked({ type: 'message', value: 'y'.repeat(70 * 1024) });
        expect(big.status).to.equal(413);
        expect(await big.json()).to.deep.include({
          error: { code: 'MessageSizeTooBig', message: 'the body is larger than 65536 bytes' },
        });
      });
    }
  });
});
