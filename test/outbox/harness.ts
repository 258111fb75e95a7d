import type { TokenCredential } from '@azure/identity';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadCoachSeed } from '../../src/adapters/coachSeed.js';
import { CosmosBookingStore } from '../../src/adapters/cosmos/cosmosBookings.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import { CosmosOutbox } from '../../src/adapters/cosmos/cosmosOutbox.js';
import { createGraphClient } from '../../src/adapters/graph/graphClient.js';
import { GraphCalendar } from '../../src/adapters/graph/graphCalendar.js';
import { MemoryCoachDirectory } from '../../src/adapters/memory/memoryCoaches.js';
import { closureDays } from '../../src/domain/closureDays.js';
import type { HandoffSummary } from '../../src/domain/handoff.js';
import { createDurableOutbox, type OutboxSettings } from '../../src/outbox/bookingOutbox.js';
import { offersFromPlanner } from '../../src/outbox/offers.js';
import { projectRoot } from '../../src/paths.js';
import { createPlanner } from '../../src/planner/createPlanner.js';
import type { BookRequest } from '../../src/planner/planner.js';
import { calendarAt, type Calendar } from '../../src/ports/calendar.js';
import type { Clock } from '../../src/ports/clock.js';
import type { OutboxQueue } from '../../src/ports/outbox.js';
import type { ResidentNotice, ResidentNotifier } from '../../src/ports/residentNotices.js';
import type { MsGraphStandIn } from '../adapters/graph/msGraphStandIn.js';

/**
 * One Voordeur instance's planning side over a real Cosmos connection (the in-process server):
 * bookings and the outbox in Cosmos, the coaches' calendars in Microsoft Graph's local
 * stand-in (Graph cannot run here; test/adapters/graph/msGraphStandIn.ts speaks its documented
 * wire format). The resident notifier records what it would send: the channels' own sending
 * is tested with them.
 */
export const coaches = await loadCoachSeed(join(projectRoot, 'infra/coaches.example.json'));

export const credential: TokenCredential = {
  getToken: async () => ({ token: 'stand-in-token', expiresOnTimestamp: 4_102_444_800_000 }),
};
export const mailboxOf = (coachId: string) => `${coachId}@gemeente-voorbeeld.nl`;

export const summary: HandoffSummary = {
  intent: 'work',
  wishes: 'iets met mijn handen, mijn BSN is 111222333 en bel 06-12345678',
  form: 'location',
  phone: '0612345678',
  language: 'tr',
  channel: 'webchat',
};

export const settings: OutboxSettings = {
  instanceId: 'a',
  leaseMs: 30_000,
  graceMs: 1_000,
  recoveryIntervalMs: 3_600_000,
  retryBaseMs: 60_000,
  retryMaxMs: 600_000,
  troubleAfter: 3,
  reminderHour: 10,
  reminders: true,
};

export interface Sent {
  key: string;
  language: string;
  notice: ResidentNotice;
  /** The outbox job's trace (see src/outbox/noticeDelivery.ts). */
  trace?: string | undefined;
}

export function recordingNotifier(sent: Sent[]): ResidentNotifier {
  return {
    send: async (key, language, notice, trace) => {
      sent.push({ key, language, notice, trace });
      return 'sent';
    },
  };
}

export function graphCalendar(standIn: MsGraphStandIn, clock: Clock): Calendar {
  return calendarAt(
    new GraphCalendar(createGraphClient(credential, standIn.url), {
      clock,
      retry: { attempts: 1 },
    }),
    mailboxOf,
  );
}

/** A Voordeur instance: planner and outbox on `connection`, named `instanceId`. */
export function instance(
  connection: CosmosConnection,
  deps: {
    clock: Clock;
    calendar: Calendar;
    sent: Sent[];
    instanceId: string;
    /** Another notifier than the recording one (a channel that fails, an instance that dies). */
    notifier?: ResidentNotifier;
    /** The outbox queue as this instance's worker sees it (e.g. one whose writes stop). */
    wrapQueue?: (queue: OutboxQueue) => OutboxQueue;
  },
) {
  const directory = new MemoryCoachDirectory(coaches);
  const bookings = new CosmosBookingStore(connection.containers.bookings, {
    ttlSeconds: 86_400,
    clock: deps.clock,
  });
  const queue = new CosmosOutbox(connection.containers.outbox);
  const describeHandoff = (s: HandoffSummary) => ({
    title: 'Kennismaking: werk',
    description: s.wishes ?? '',
  });
  const base = {
    coaches: directory,
    bookings,
    calendar: deps.calendar,
    clock: deps.clock,
    closures: closureDays({ years: [2026, 2027] }),
    minNoticeMinutes: 24 * 60,
    horizonDays: 28,
    describeHandoff,
  };
  const proposer = createPlanner(base);
  const durable = createDurableOutbox({
    queue: deps.wrapQueue ? deps.wrapQueue(queue) : queue,
    bookings,
    coaches: directory,
    calendar: deps.calendar,
    clock: deps.clock,
    log: pino({ level: 'silent' }),
    describeHandoff,
    notifier: deps.notifier ?? recordingNotifier(deps.sent),
    offersFor: offersFromPlanner(proposer),
    ttlSeconds: 86_400,
    settings: { ...settings, instanceId: deps.instanceId },
  });
  const planner = createPlanner({ ...base, outbox: durable.outbox });
  return { planner, queue, bookings, ...durable };
}

export function request(key: string, start: string, extra: Partial<BookRequest> = {}): BookRequest {
  return {
    coachId: 'elke',
    start,
    resident: { key, language: 'tr', channel: 'webchat' },
    form: 'location',
    placeId: 'den-domp',
    summary,
    ...extra,
  };
}
