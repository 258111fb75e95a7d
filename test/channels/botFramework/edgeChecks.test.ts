import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { MAX_TEXT_LENGTH } from '../../../src/channels/activityLimits.js';
import {
  isAllowedRequest,
  localDirectLineAddress,
  trustedChannelAddress,
} from '../../../src/channels/botFramework/replyAddresses.js';
import { activity, replyTexts, startChannel, type ChannelRig } from './channelRig.js';

/** Something on another loopback port that would gladly take the bot's replies. */
async function startListener(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    res.end('{"id":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('POST /api/messages without a Microsoft app id: the activity at the edge', () => {
  let rig: ChannelRig;
  before(async () => {
    rig = await startChannel();
  });
  after(() => rig.close());

  it('answers a malformed activity with 400 and a reason, never 500 or internals', async () => {
    const withoutConversation = activity();
    delete withoutConversation['conversation'];
    const withoutType = activity();
    delete withoutType['type'];
    const cases: [string, unknown, RegExp][] = [
      ['no type', withoutType, /^type: /],
      ['numeric type', activity({ type: 42 }), /^type: /],
      ['numeric conversation.id', activity({ conversation: { id: 42 } }), /^conversation\.id: /],
      ['missing conversation', withoutConversation, /^conversation: /],
      ['no sender', activity({ from: undefined }), /^from: /],
      ['a list', [activity()], /must be an activity/],
      ['a string', '"message"', /must be an activity/],
      ['null', 'null', /must be an activity/],
      ['XML', '<activity><type>message</type></activity>', /not valid JSON/],
      ['text too long', activity({ text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }), /^text: /],
      ['a bad timestamp', activity({ timestamp: 'gisteren' }), /^timestamp: /],
    ];
    const turns = rig.turns;
    for (const [name, body, reason] of cases) {
      const { status, body: answer, text } = await rig.post(body);
      expect(status, name).to.equal(400);
      expect(answer['code'], name).to.equal('InvalidContent');
      expect(String(answer['message']), name).to.match(reason);
      expect(text, name).not.to.match(/TypeError|RangeError|at .*\.js|node_modules/);
    }
    expect(rig.turns, 'none reached the bot').to.equal(turns);
    expect((await rig.post(activity())).status, 'still running').to.equal(200);
  });

  it('accepts text up to the limit every channel shares', async () => {
    const { status, body } = await rig.post(activity({ text: 'x'.repeat(MAX_TEXT_LENGTH) }));
    expect(status).to.equal(200);
    expect(String(replyTexts(body)[0])).to.have.length(MAX_TEXT_LENGTH + 5);
  });

  it('keeps dates as botbuilder does: a Date, with the text kept raw', async () => {
    let seen: unknown;
    const dated = await startChannel({
      bot: async (context) => {
        seen = context.activity.timestamp;
        await context.sendActivity('ok');
      },
    });
    try {
      await dated.post(activity({ timestamp: '2026-12-03T10:00:00.000+01:00' }));
      expect(seen).to.be.instanceOf(Date);
      expect((seen as Date).toISOString()).to.equal('2026-12-03T09:00:00.000Z');
    } finally {
      await dated.close();
    }
  });
});

describe('where replies may go', () => {
  it('refuses an activity naming another address (local mode), and nothing is posted there', async () => {
    const listener = await startListener();
    const rig = await startChannel();
    try {
      const direct = await rig.post(
        activity({ serviceUrl: listener.url, deliveryMode: undefined }),
      );
      expect(direct.status).to.equal(400);
      expect(direct.body['message']).to.equal('serviceUrl: replies cannot be sent to this address');
      const dots = await rig.post(activity({ conversation: { id: '..' } }));
      expect(dots.status).to.equal(400);
      expect(String(dots.body['message'])).to.match(/^conversation\.id: /);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(listener.hits).to.deep.equal([]);
    } finally {
      await rig.close();
      await listener.close();
    }
  });

  it('refuses every outbound request to another address, also one the turn makes itself', async () => {
    const listener = await startListener();
    const rig = await startChannel({
      // expectReplies is allowed any serviceUrl (replies come back in the response); the
      // turn's connector client still posts where serviceUrl says, and the guard stops it.
      bot: async (context) => {
        const connector = context.turnState.get(context.adapter.ConnectorClientKey) as {
          conversations: { sendToConversation(id: string, activity: object): Promise<unknown> };
        };
        await connector.conversations.sendToConversation('c1', { type: 'message', text: 'x' });
      },
    });
    try {
      const { status, text } = await rig.post(activity({ serviceUrl: listener.url }));
      expect(status).to.equal(500);
      expect(JSON.parse(text)).to.deep.equal({
        code: 'InternalError',
        message: 'the activity could not be handled',
      });
      expect(listener.hits).to.deep.equal([]);
      expect(
        rig.logs.some((line) => line.includes('outbound Bot Framework request was refused')),
      ).to.equal(true);
    } finally {
      await rig.close();
      await listener.close();
    }
  });

  it('local mode allows only this server, and no dot segments in the path', () => {
    const own = localDirectLineAddress(() => 'http://127.0.0.1:3978/');
    const ok = 'http://127.0.0.1:3978/v3/conversations/abc/activities/1';
    expect(isAllowedRequest(ok, own)).to.equal(true);
    for (const bad of [
      'http://127.0.0.1:3979/v3/conversations/abc/activities',
      'http://localhost:3978/v3/conversations/abc/activities',
      'http://127.0.0.1:3978/v3/conversations/../activities',
      'http://127.0.0.1:3978/v3/conversations/%2e%2E/activities',
      'http://127.0.0.1:3978/v3/conversations/./activities',
      'ftp://127.0.0.1:3978/v3/conversations/abc/activities',
      'not a url',
    ]) {
      expect(isAllowedRequest(bad, own), bad).to.equal(false);
    }
  });

  it('authenticated mode allows only https to Bot Service channel hosts', () => {
    for (const good of [
      'https://smba.trafficmanager.net/emea/v3/conversations/a/activities',
      'https://webchat.botframework.com/v3/conversations/a/activities',
      'https://europe.webchat.botframework.com/v3/conversations/a/activities',
    ]) {
      expect(isAllowedRequest(good, trustedChannelAddress), good).to.equal(true);
    }
    for (const bad of [
      'http://webchat.botframework.com/v3/conversations/a/activities',
      'https://botframework.com.evil.example/v3/conversations/a/activities',
      'https://evilbotframework.com/v3/conversations/a/activities',
      'https://127.0.0.1/v3/conversations/a/activities',
    ]) {
      expect(isAllowedRequest(bad, trustedChannelAddress), bad).to.equal(false);
    }
  });
});
