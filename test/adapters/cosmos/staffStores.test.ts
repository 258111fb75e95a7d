import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { expect } from 'chai';
import { pino } from 'pino';
import { CosmosAuditLog } from '../../../src/adapters/cosmos/cosmosAuditLog.js';
import { CosmosCallbackWorkStore } from '../../../src/adapters/cosmos/cosmosCallbackWork.js';
import { connectCosmos, type CosmosConnection } from '../../../src/adapters/cosmos/cosmosClient.js';
import { CosmosFunnelEventStore } from '../../../src/adapters/cosmos/cosmosFunnelEvents.js';
import { CosmosReviewStore } from '../../../src/adapters/cosmos/cosmosReviews.js';
import { CosmosStaffDirectory } from '../../../src/adapters/cosmos/cosmosStaffDirectory.js';
import { CosmosStaffSessionStore } from '../../../src/adapters/cosmos/cosmosStaffSessions.js';
import { startReview, updateReview } from '../../../src/domain/conversationReview.js';
import { isVoordeurError } from '../../../src/errors.js';

const silent = pino({ level: 'silent' });
const ttlSeconds = 3600;

/** The staff side's stores on the embedded Cosmos server, through the real SDK. */
describe('staff stores on Cosmos DB', function () {
  this.timeout(30_000);
  let cosmos: CosmosConnection;
  before(async () => {
    cosmos = await connectCosmos(
      { kind: 'embedded', database: `vd-staff-${randomUUID()}` },
      silent,
    );
  });
  after(async () => {
    await cosmos.close();
  });

  async function fresh(): Promise<Container> {
    const { container } = await cosmos.database.containers.createIfNotExists({
      id: `c-${randomUUID()}`,
      partitionKey: { paths: ['/pk'] },
      defaultTtl: -1,
    });
    return container;
  }

  describe('conversation reviews', () => {
    it('pages a week newest first with a cursor, filters on status and coach, and refuses a forged cursor', async () => {
      const store = new CosmosReviewStore(await fresh(), { ttlSeconds });
      const base = Date.parse('2026-11-23T08:00:00.000Z');
      for (let i = 0; i < 120; i++) {
        const at = new Date(base + i * 60_000).toISOString();
        const id = `r${String(i).padStart(11, '0')}`;
        await store.update(id, () =>
          updateReview(
            startReview({
              id,
              week: '2026-W48',
              at,
              channel: 'webchat',
              language: i % 2 ? 'ar' : 'nl',
            }),
            at,
            (r) =>
              i % 3 === 0
                ? {
                    ...r,
                    booking: { coachId: 'elke', bookingId: `b${i}`, start: at },
                    coachId: 'elke',
                  }
                : r,
          ),
        );
      }
      const now = new Date(base + 200 * 60_000);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await store.page({ week: '2026-W48' }, now, {
          size: 50,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...result.reviews.map((r) => r.startedAt));
        cursor = result.next;
        if (!cursor) break;
      }
      expect(seen).to.have.length(120);
      expect([...seen].sort().reverse()).to.deep.equal(seen);
      const booked = await store.page(
        { week: '2026-W48', status: 'booked', coachId: 'elke' },
        now,
        { size: 200 },
      );
      expect(booked.reviews).to.have.length(40);
      const dropped = await store.page(
        { week: '2026-W48', status: 'dropped', language: 'ar' },
        now,
        { size: 200 },
      );
      expect(dropped.reviews.every((r) => r.language === 'ar' && !r.booking)).to.equal(true);
      const other = await store.page({ week: '2026-W49' }, now, { size: 50 });
      expect(other.reviews).to.have.length(0);
      let refused: unknown;
      try {
        await store.page({ week: '2026-W48' }, now, { size: 50, cursor: 'bm90LWEtdG9rZW4' });
      } catch (error) {
        refused = error;
      }
      expect(isVoordeurError(refused, 'VD_BAD_REQUEST')).to.equal(true);
    });

    it('streams every row of a week without a page limit', async () => {
      const store = new CosmosReviewStore(await fresh(), { ttlSeconds });
      for (let i = 0; i < 450; i++) {
        const id = `s${String(i).padStart(11, '0')}`;
        await store.update(id, () =>
          startReview({
            id,
            week: '2026-W48',
            at: `2026-11-23T08:00:00.000Z`,
            channel: 'webchat',
            language: 'nl',
          }),
        );
      }
      const weeks = new Set<string>();
      let count = 0;
      for await (const review of store.stream(
        { week: '2026-W48' },
        new Date('2026-11-24T00:00:00Z'),
      )) {
        weeks.add(review.week);
        count++;
      }
      expect(count).to.equal(450);
      expect([...weeks]).to.deep.equal(['2026-W48']);
    });
  });

  describe('call-back work', () => {
    it('of two people claiming at once, one gets it and the other is told who has it', async () => {
      const store = new CosmosCallbackWorkStore(await fresh(), { ttlSeconds });
      const at = '2026-11-23T09:00:00.000Z';
      const results = await Promise.all([
        store.claim('cb', { id: 'a', name: 'Anna' }, at),
        store.claim('cb', { id: 'b', name: 'Bram' }, at),
      ]);
      expect(results.filter((r) => r.ok)).to.have.length(1);
      const refused = results.find((r) => !r.ok);
      expect(refused && !refused.ok && refused.holder.state).to.equal('claimed');
      const winner = results.find((r) => r.ok);
      const holder = winner && winner.ok ? winner.work.by : '';
      const loser = holder === 'a' ? { id: 'b', name: 'Bram' } : { id: 'a', name: 'Anna' };
      expect((await store.finish('cb', loser, 'done', at)).ok).to.equal(false);
      const unreachable = await store.finish('cb', { id: holder, name: 'x' }, 'unreachable', at);
      expect(unreachable.ok && unreachable.work.attempts).to.equal(1);
      expect(
        (await store.claim('cb', loser, at)).ok,
        'back in the queue after not reaching them',
      ).to.equal(true);
      expect((await store.finish('cb', loser, 'done', at)).ok).to.equal(true);
      expect(
        (await store.claim('cb', { id: holder, name: 'x' }, at)).ok,
        'done stays done',
      ).to.equal(false);
    });
  });

  describe('audit log', () => {
    it('is append-only: an id cannot be written twice, and entries are listed newest first per month', async () => {
      const log = new CosmosAuditLog(await fresh(), { ttlSeconds });
      const entry = {
        id: 'e1',
        at: '2026-11-23T09:00:00.000Z',
        actorId: 'a',
        actorName: 'Anna',
        action: 'export' as const,
      };
      await log.append(entry);
      let second: unknown;
      try {
        await log.append({ ...entry, subject: 'overwritten' });
      } catch (error) {
        second = error;
      }
      expect(second, 'a second write of one id is refused').to.be.instanceOf(Error);
      await log.append({ ...entry, id: 'e2', at: '2026-11-23T10:00:00.000Z', actorId: 'b' });
      await log.append({ ...entry, id: 'e3', at: '2026-12-01T10:00:00.000Z' });
      const november = await log.list('2026-11');
      expect(november.map((e) => e.id)).to.deep.equal(['e2', 'e1']);
      expect(november[1]?.subject).to.equal(undefined);
      expect((await log.list('2026-11', { actorId: 'a' })).map((e) => e.id)).to.deep.equal(['e1']);
    });
  });

  describe('funnel events', () => {
    it('counts a repeated key once, and a removed one not at all', async () => {
      const store = new CosmosFunnelEventStore(await fresh(), { ttlSeconds });
      const event = {
        stage: 'contact' as const,
        week: '2026-W48',
        channel: 'webchat',
        language: 'nl',
      };
      await store.record('contact-x', event);
      await store.record('contact-x', event);
      await store.record('outcome-y', { ...event, stage: 'held' });
      await store.record('outcome-y', { ...event, stage: 'noShow' });
      expect((await store.forWeek('2026-W48')).map((e) => e.stage).sort()).to.deep.equal([
        'contact',
        'noShow',
      ]);
      await store.remove('outcome-y', '2026-W48');
      await store.remove('outcome-y', '2026-W48');
      expect(await store.forWeek('2026-W48')).to.have.length(1);
    });
  });

  describe('sessions and the staff directory', () => {
    it('a session ends at its expiry even before Cosmos deletes it; a login under way is taken once', async () => {
      const store = new CosmosStaffSessionStore(await fresh());
      await store.create(
        {
          id: 's1',
          userId: 'u',
          name: 'U',
          roles: ['team'],
          csrf: 'x',
          createdAt: '2026-11-23T08:00:00.000Z',
          expiresAt: '2026-11-23T16:00:00.000Z',
          local: false,
        },
        28_800,
      );
      expect(await store.get('s1', new Date('2026-11-23T15:59:00Z'))).to.include({ userId: 'u' });
      expect(await store.get('s1', new Date('2026-11-23T16:00:00Z'))).to.equal(undefined);
      await store.putPending(
        {
          id: 'p1',
          state: 's',
          nonce: 'n',
          codeVerifier: 'v',
          returnTo: '/staff',
          expiresAt: '2026-11-23T08:10:00.000Z',
        },
        600,
      );
      const now = new Date('2026-11-23T08:05:00Z');
      const [a, b] = await Promise.all([
        store.takePending('p1', now),
        store.takePending('p1', now),
      ]);
      expect([a, b].filter(Boolean)).to.have.length(1);
    });

    it('keeps a coach link across logins and lists the team by name', async () => {
      const directory = new CosmosStaffDirectory(await fresh());
      await directory.recordLogin(
        { id: 'oid-1', name: 'Zoë', roles: ['coach'] },
        '2026-11-23T08:00:00.000Z',
      );
      await directory.recordLogin(
        { id: 'oid-2', name: 'Anna', roles: ['lead'] },
        '2026-11-23T08:00:00.000Z',
      );
      expect(await directory.linkCoach('oid-1', 'elke')).to.include({ coachId: 'elke' });
      await directory.recordLogin(
        { id: 'oid-1', name: 'Zoë', roles: ['coach', 'team'] },
        '2026-11-24T08:00:00.000Z',
      );
      expect(await directory.get('oid-1')).to.deep.include({
        coachId: 'elke',
        roles: ['coach', 'team'],
      });
      expect((await directory.list()).map((s) => s.name)).to.deep.equal(['Anna', 'Zoë']);
      expect(await directory.linkCoach('nobody', 'elke')).to.equal(undefined);
    });
  });
});
