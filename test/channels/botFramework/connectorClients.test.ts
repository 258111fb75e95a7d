import { expect } from 'chai';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { createServer, type Server } from 'node:http';
import { activity, startChannel } from './channelRig.js';
import { appId, startTokenStandIn } from './tokenStandIn.js';

/** The connector client and user token client CloudAdapter handed to a turn. */
interface Clients {
  connector: { credentials: { appId?: string } };
  userTokens: object;
}

function clientsOf(context: TurnContext): Clients {
  const adapter = context.adapter as CloudAdapter;
  return {
    connector: context.turnState.get(adapter.ConnectorClientKey) as Clients['connector'],
    userTokens: context.turnState.get(adapter.UserTokenClientKey) as object,
  };
}

/** Something on another loopback port that would gladly take the bot's replies. */
async function startListener(): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const listener = { url: '', hits: 0, close: () => Promise.resolve() };
  const server: Server = createServer((_req, res) => {
    listener.hits++;
    res.setHeader('content-type', 'application/json');
    res.end('{"id":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  listener.url = `http://127.0.0.1:${address.port}/`;
  listener.close = () => new Promise((resolve) => server.close(() => resolve()));
  return listener;
}

describe('connector clients across turns', () => {
  it('local mode: one client per service URL, a new one for another URL, each still guarded', async () => {
    const listener = await startListener();
    const seen: Clients[] = [];
    const refusals: boolean[] = [];
    const rig = await startChannel({
      bot: async (context) => {
        seen.push(clientsOf(context));
        const connector = context.turnState.get(context.adapter.ConnectorClientKey) as {
          conversations: { sendToConversation(id: string, activity: object): Promise<unknown> };
        };
        // expectReplies may name any serviceUrl; the (reused) client must still refuse it.
        const sent = connector.conversations.sendToConversation('c1', { type: 'message' });
        refusals.push(await sent.then(() => false).catch(() => true));
      },
    });
    try {
      const other = 'http://127.0.0.1:9/';
      for (const serviceUrl of [listener.url, listener.url, other, listener.url]) {
        const { status } = await rig.post(activity({ serviceUrl }));
        expect(status).to.equal(200);
      }
      const [first, second, third, fourth] = seen.map((clients) => clients.connector);
      expect(second).to.equal(first);
      expect(fourth).to.equal(first);
      expect(third).not.to.equal(first);
      expect(seen[1]!.userTokens).to.equal(seen[0]!.userTokens);
      expect(refusals).to.deep.equal([true, true, true, true]);
      expect(listener.hits).to.equal(0);
    } finally {
      await rig.close();
      await listener.close();
    }
  });

  it('authenticated mode: the client signs as the app, reused per channel address', async () => {
    const standIn = await startTokenStandIn();
    const seen: Clients[] = [];
    const rig = await startChannel({
      auth: {
        appId,
        appPassword: 'not-a-real-secret',
        appType: 'MultiTenant',
        tenantId: undefined,
        openIdMetadataUrl: standIn.metadataUrl,
        keyFetchTimeoutMs: 300,
      },
      bot: async (context) => {
        seen.push(clientsOf(context));
      },
    });
    try {
      const emea = 'https://smba.trafficmanager.net/emea/';
      const amer = 'https://smba.trafficmanager.net/amer/';
      for (const serviceUrl of [emea, emea, amer]) {
        const token = standIn.token({ serviceurl: serviceUrl });
        const { status } = await rig.post(activity({ serviceUrl }), {
          authorization: `Bearer ${token}`,
        });
        expect(status).to.equal(200);
      }
      expect(seen).to.have.length(3);
      expect(seen[1]!.connector).to.equal(seen[0]!.connector);
      expect(seen[2]!.connector).not.to.equal(seen[0]!.connector);
      for (const { connector } of seen) expect(connector.credentials.appId).to.equal(appId);
      expect(seen[2]!.userTokens).to.equal(seen[0]!.userTokens);
    } finally {
      await rig.close();
      await standIn.close();
    }
  });
});
