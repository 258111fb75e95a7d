import { expect } from 'chai';
import { WebSocket } from 'ws';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { fixedClock } from '../clocks.js';
import {
  DirectLineResident,
  installBrowserGlobals,
  shown,
  type ResidentOptions,
} from './directLineResident.js';

/**
 * The official Direct Line client (botframework-directlinejs) with `webSocket: true` against
 * the real app: it opens the `streamUrl`, reads every bot message from the stream and never
 * polls; resuming a conversation streams its transcript again. The `ws` package stands in for a
 * browser's WebSocket (Chromium's is tested in webChatStreaming.test.ts).
 */
describe('botframework-directlinejs streams from the local Direct Line', () => {
  let app: App;
  let url: string;
  let restore: () => void;
  const served = { polls: 0, upgrades: 0 };
  const streaming: ResidentOptions = {
    webSocket: WebSocket as unknown as ResidentOptions['webSocket'],
  };

  before(async () => {
    restore = installBrowserGlobals();
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      clock: fixedClock(),
      log: createLogger('silent'),
    });
    app.server.pre((req, _res, next) => {
      if (
        req.method === 'GET' &&
        /\/v3\/directline\/conversations\/[^/]+\/activities/.test(req.url ?? '')
      ) {
        served.polls++;
      }
      return next();
    });
    app.server.server.prependListener('upgrade', () => {
      served.upgrades++;
    });
    url = await app.listen();
  });

  after(async () => {
    await app?.close();
    restore?.();
  });

  it('greets, answers and resumes over the stream, without a single poll', async () => {
    const resident = await DirectLineResident.start(url, streaming);
    expect(served.upgrades).to.equal(1);
    const replies = await resident.say('intent:work');
    expect(shown(replies)).to.not.equal('');
    // The resident's own message came back over the stream, as Web Chat needs.
    expect(
      resident.received.some(
        (a) => a.from.role === 'user' && a.type === 'message' && a.text === 'intent:work',
      ),
    ).to.equal(true);
    resident.end();

    const again = await DirectLineResident.resume(url, resident.conversation, streaming);
    // The transcript came again as the stream's history.
    expect(
      again.received.some(
        (a) => a.from.role === 'user' && a.type === 'message' && a.text === 'intent:work',
      ),
    ).to.equal(true);
    const more = await again.say('lang:en');
    expect(more.at(-1)?.locale).to.match(/^en/);
    again.end();
    expect(served.upgrades).to.equal(2);
    expect(served.polls, 'polls').to.equal(0);
  });
});
