import { expect } from 'chai';
import type { CosmosConnection } from '../../../src/adapters/cosmos/cosmosClient.js';
import { messageDocumentId } from '../../../src/channels/whatsapp/identity.js';
import { signatureOf } from '../../../src/channels/whatsapp/signature.js';
import type { GraphStandIn } from './graphStandIn.js';
import {
  TestClock,
  assertLogsPrivate,
  delivery,
  residentNumber,
  otherNumber,
  secrets,
  shownText,
  startBackends,
  startRig,
  wireText,
  type Rig,
  type RigOptions,
} from './harness.js';

/**
 * Meta delivers at least once, retries for days and out of order. These tests show that every
 * message is handled exactly once, in the order it was sent, also when an instance dies.
 */
describe('WhatsApp messages are handled exactly once', () => {
  let cosmos: CosmosConnection;
  let standIn: GraphStandIn;
  const rigs: Rig[] = [];

  const rig = async (options: Partial<RigOptions> = {}) => {
    const started = await startRig({ cosmos, standIn, ...options });
    rigs.push(started);
    return started;
  };
  const replies = () => standIn.messages.map(shownText);

  beforeEach(async () => {
    ({ cosmos, standIn } = await startBackends());
  });
  afterEach(async () => {
    for (const started of rigs.splice(0)) await started.close();
    await standIn.close();
    await cosmos.close();
  });

  it('ignores a second delivery of the same message', async () => {
    const one = await rig();
    const message = wireText('eerste', { clock: one.clock });
    expect((await one.deliver(delivery([message]))).status).to.equal(200);
    await one.channel.idle();
    expect((await one.deliver(delivery([message]))).status).to.equal(200);
    await one.channel.idle();
    expect(replies()).to.deep.equal(['echo eerste']);
    const stored = await one.channel.inbox.get(
      one.channel.residentIdOf(residentNumber),
      messageDocumentId(message.id),
    );
    expect(stored?.state).to.equal('handled');
    expect(stored?.message, 'the text is removed once handled').to.equal(undefined);
    expect(stored?.ttl).to.equal(8 * 24 * 3600);
  });

  it('handles a flood of one message id, concurrently, over two instances, once', async () => {
    const clock = new TestClock();
    const [a, b] = [await rig({ clock }), await rig({ clock })];
    const message = wireText('één keer', { clock });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).deliver(delivery([message]))),
    );
    expect(responses.every((response) => response.status === 200)).to.equal(true);
    await Promise.all([a.channel.idle(), b.channel.idle()]);
    expect(replies()).to.deep.equal(['echo één keer']);
  });

  it('handles messages of one delivery in the order they were sent, whatever the payload order', async () => {
    const one = await rig();
    const first = wireText('1', { clock: one.clock, ageMs: 30_000 });
    const second = wireText('2', { clock: one.clock, ageMs: 20_000 });
    const third = wireText('3', { clock: one.clock, ageMs: 10_000 });
    await one.deliver(delivery([third, first, second]));
    await one.channel.idle();
    expect(replies()).to.deep.equal(['echo 1', 'echo 2', 'echo 3']);
  });

  it('still handles a message that arrives after a newer one was handled', async () => {
    const one = await rig();
    const older = wireText('ouder', { clock: one.clock, ageMs: 60_000 });
    const newer = wireText('nieuwer', { clock: one.clock, ageMs: 1_000 });
    await one.deliver(delivery([newer]));
    await one.channel.idle();
    await one.deliver(delivery([older]));
    await one.channel.idle();
    expect(replies()).to.deep.equal(['echo nieuwer', 'echo ouder']);
  });

  it('keeps residents apart: one resident waiting does not hold up another', async () => {
    const one = await rig();
    await one.deliver(
      delivery([
        wireText('van de een', { clock: one.clock }),
        wireText('van de ander', { clock: one.clock, from: otherNumber }),
      ]),
    );
    await one.channel.idle();
    expect(standIn.messages.map((m) => [m.to, shownText(m)])).to.have.deep.members([
      [residentNumber, 'echo van de een'],
      [otherNumber, 'echo van de ander'],
    ]);
  });

  it('recovers a message acknowledged by an instance that died before handling it', async () => {
    const clock = new TestClock();
    const dead = await rig({ clock });
    const message = wireText('nog steeds hier', { clock });
    // The webhook stored the message and Meta got its 200; then the process died.
    const raw = JSON.stringify(delivery([message]));
    const received = await dead.channel.receive(
      Buffer.from(raw),
      signatureOf(secrets.appSecret, raw),
    );
    expect(received.status).to.equal(200);
    await dead.close();
    expect(standIn.messages).to.have.length(0);

    clock.advance(6_000); // older than the grace period
    const fresh = await rig({ clock });
    expect(await fresh.channel.recover()).to.equal(1);
    await fresh.channel.idle();
    expect(replies()).to.deep.equal(['echo nog steeds hier']);

    // Meta retries the delivery later: still one reply.
    await fresh.deliver(delivery([message]));
    await fresh.channel.idle();
    expect(await fresh.channel.recover()).to.equal(0);
    expect(replies()).to.deep.equal(['echo nog steeds hier']);
  });

  it('recovers a message whose instance died in the middle of its turn, once its claim ran out', async () => {
    const clock = new TestClock();
    const dying = await rig({ clock, bot: 'hang', channel: { leaseMs: 60_000 } });
    const message = wireText('halverwege', { clock });
    await dying.deliver(delivery([message]));
    // It claims the message and hangs in the turn.
    const pk = dying.channel.residentIdOf(residentNumber);
    while (
      (await dying.channel.inbox.get(pk, messageDocumentId(message.id)))?.state !== 'claimed'
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    clock.advance(10_000);
    const fresh = await rig({ clock });
    expect(await fresh.channel.recover(), 'the claim still holds').to.equal(0);
    expect(replies()).to.deep.equal([]);

    clock.advance(60_000);
    expect(await fresh.channel.recover()).to.equal(1);
    await fresh.channel.idle();
    expect(replies()).to.deep.equal(['echo halverwege']);
    const stored = await fresh.channel.inbox.get(
      fresh.channel.residentIdOf(residentNumber),
      messageDocumentId(message.id),
    );
    expect(stored).to.include({ state: 'handled', attempts: 2 });
  });

  it('does not run a turn twice when an instance died after the turn but before marking it handled', async () => {
    const clock = new TestClock();
    const one = await rig({ clock });
    const message = wireText('precies één keer', { clock });
    // The turn ran (state written, reply sent) but marking the message handled was lost.
    const inbox = one.channel.inbox;
    const replace = inbox.replace.bind(inbox);
    inbox.replace = async (current, next) => {
      if (next.state === 'handled') throw new Error('the process died here');
      return replace(current, next);
    };
    await one.deliver(delivery([message]));
    await one.channel.idle();
    inbox.replace = replace;
    expect(replies()).to.deep.equal(['echo precies één keer']);

    clock.advance(3 * 60_000); // the claim runs out; the sweep takes the message again
    expect(await one.channel.recover()).to.equal(1);
    await one.channel.idle();
    expect(replies(), 'the conversation state remembers the message').to.deep.equal([
      'echo precies één keer',
    ]);
  });

  it('gives a message up after repeated failures, keeps it and says so in the log', async () => {
    const clock = new TestClock();
    const one = await rig({ clock, channel: { maxAttempts: 2 } });
    const message = wireText('probleem', { clock });
    const store = one.channel.store;
    const update = store.updateContact.bind(store);
    store.updateContact = async () => {
      throw new Error('contacts unavailable');
    };
    await one.deliver(delivery([message]));
    await one.channel.idle();
    clock.advance(10_000);
    await one.channel.recover();
    clock.advance(10_000);
    await one.channel.recover();
    store.updateContact = update;
    const stored = await one.channel.inbox.get(
      one.channel.residentIdOf(residentNumber),
      messageDocumentId(message.id),
    );
    expect(stored).to.include({ state: 'failed', outcome: 'gaveUp' });
    expect(stored?.message, 'kept to look into').to.not.equal(undefined);
    expect(one.logs.some((line) => line.includes('given up'))).to.equal(true);
    assertLogsPrivate(one.logs, ['probleem']);
  });
});
