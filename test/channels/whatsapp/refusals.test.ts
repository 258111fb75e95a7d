import { expect } from 'chai';
import type { CosmosConnection } from '../../../src/adapters/cosmos/cosmosClient.js';
import { MAX_TEXT_LENGTH } from '../../../src/channels/activityLimits.js';
import { messageDocumentId } from '../../../src/channels/whatsapp/identity.js';
import { whatsAppInboxTtlSeconds } from '../../../src/ports/whatsAppStore.js';
import type { GraphStandIn } from './graphStandIn.js';
import {
  assertLogsPrivate,
  delivery,
  residentNumber,
  startBackends,
  startRig,
  wireText,
  type Rig,
} from './harness.js';

const day = 24 * 60 * 60 * 1000;

/** Signed deliveries that are still not handled. Meta's side is the local stand-in. */
describe('WhatsApp deliveries that are refused, though signed', () => {
  let cosmos: CosmosConnection;
  let standIn: GraphStandIn;
  let rig: Rig;

  before(async () => {
    ({ cosmos, standIn } = await startBackends());
  });
  after(async () => {
    await standIn.close();
    await cosmos.close();
  });
  beforeEach(async () => {
    standIn.reset();
    rig = await startRig({ cosmos, standIn });
  });
  afterEach(() => rig.close());

  const stored = (id: string) =>
    rig.channel.inbox.get(rig.channel.residentIdOf(residentNumber), messageDocumentId(id));

  it('refuses a message dated before the inbox retention (a replayed capture), logging no content', async () => {
    expect(whatsAppInboxTtlSeconds * 1000).to.be.below(10 * day);
    const old = wireText('oude geheime tekst', { clock: rig.clock, ageMs: 10 * day });
    const response = await rig.deliver(delivery([old]));
    expect(response.status, 'acknowledged, so Meta stops sending it').to.equal(200);
    await rig.channel.idle();
    expect(await stored(old.id)).to.equal(undefined);
    expect(standIn.messages).to.have.length(0);
    const line = rig.logs.find((entry) => entry.includes('WhatsApp message refused'));
    expect(line).to.be.a('string');
    expect(line).to.include('"reason":"tooOld"');
    assertLogsPrivate(rig.logs, ['oude geheime tekst']);
  });

  it('still handles a message redelivered within the retention', async () => {
    const late = wireText('nog op tijd', { clock: rig.clock, ageMs: 7 * day });
    expect((await rig.deliver(delivery([late]))).status).to.equal(200);
    await rig.channel.idle();
    expect(await stored(late.id)).not.to.equal(undefined);
  });

  it('refuses a text longer than every channel accepts', async () => {
    const long = wireText('x'.repeat(MAX_TEXT_LENGTH + 1), { clock: rig.clock });
    const fits = wireText('y'.repeat(MAX_TEXT_LENGTH), { clock: rig.clock });
    expect((await rig.deliver(delivery([long, fits]))).status).to.equal(200);
    await rig.channel.idle();
    expect(await stored(long.id)).to.equal(undefined);
    expect(await stored(fits.id)).not.to.equal(undefined);
    expect(rig.logs.some((entry) => entry.includes('"reason":"tooLong"'))).to.equal(true);
  });
});
