import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { pino } from 'pino';
import { CosmosBookingStore } from '../../src/adapters/cosmos/cosmosBookings.js';
import { connectCosmos, type CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import { CosmosConversationStore } from '../../src/adapters/cosmos/cosmosConversationStore.js';
import { containerSpecs, type ContainerName } from '../../src/adapters/cosmos/cosmosSchema.js';
import { keptWithoutEraser, residentErasers } from '../../src/privacyComposition.js';
import { fixedClock } from '../clocks.js';

/**
 * Every container of the Cosmos schema either has an eraser (the erasure of a resident reaches
 * it) or a written reason why it keeps nothing about residents. A container added to the schema
 * without either fails here, instead of being forgotten by the erasure.
 */
describe('the erasure covers every container', function () {
  this.timeout(30_000);
  let cosmos: CosmosConnection;
  before(async () => {
    cosmos = await connectCosmos(
      { kind: 'embedded', database: `vd-erasure-${randomUUID()}` },
      pino({ level: 'silent' }),
    );
  });
  after(async () => {
    await cosmos?.close();
  });

  function erased(): Set<string> {
    const erasers = residentErasers(cosmos, {
      bookingStore: new CosmosBookingStore(cosmos.containers.bookings, {
        ttlSeconds: 60,
        clock: fixedClock(),
      }),
      conversations: new CosmosConversationStore(cosmos.containers.conversations, {
        ttlSeconds: 60,
      }),
      cancelMeeting: async () => undefined,
    });
    return new Set(erasers.flatMap((eraser) => eraser.containers));
  }

  for (const name of Object.keys(containerSpecs) as ContainerName[]) {
    it(`${name}: erased, or kept for a documented reason`, () => {
      const covered = erased().has(name);
      const reason = keptWithoutEraser[name];
      expect(covered || (reason ?? '').length > 20, `${name} has no eraser and no reason`).to.equal(
        true,
      );
      // Not both: a container with an eraser needs no excuse, and an excuse must be true.
      expect(covered && reason !== undefined, `${name} is erased and excused`).to.equal(false);
    });
  }

  it('names only containers that exist in the schema', () => {
    const known = new Set<string>(Object.keys(containerSpecs));
    expect([...erased()].filter((name) => !known.has(name))).to.deep.equal([]);
    expect(Object.keys(keptWithoutEraser).filter((name) => !known.has(name))).to.deep.equal([]);
  });
});
