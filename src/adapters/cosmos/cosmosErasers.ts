import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { ErasureSubject, ResidentEraser } from '../../domain/erasure.js';
import type { BookingStore } from '../../ports/bookings.js';
import type { ConversationStore } from '../../ports/conversationStore.js';
import { CALLBACK_PARTITION } from './cosmosCallbacks.js';
import {
  callCosmos,
  deleteDocument,
  queryAll,
  queryPartition,
  readDocument,
  type CosmosCallOptions,
} from './cosmosOps.js';

/**
 * The Cosmos stores' parts of erasing a resident ({@link ResidentEraser}). Each finds the
 * resident's documents by what the store names them with (conversation key, booking id,
 * call-back id, WhatsApp pseudonym) and removes them; the funnel keeps its counts but loses the
 * link to the resident.
 */

const noCall: CosmosCallOptions = {};

/** The conversation's state document (dialog stack, language, answers not yet booked). */
export function conversationEraser(store: ConversationStore): ResidentEraser {
  return {
    containers: ['conversations'],
    async eraseResident(subject) {
      await store.delete(subject.key);
      return 1;
    },
  };
}

/**
 * Cancels the coach's calendar entry of one booking and frees its time. Today the planner's
 * `cancel` (calendar first, then the booking and its schedule claim).
 *
 * SEAM (outbox): once the durable calendar outbox lands, pass its function that cancels a
 * booking's calendar entry here, so a calendar that is down does not stop the erasure.
 */
export type CancelMeeting = (booking: {
  coachId: string;
  bookingId: string;
  residentKey: string;
}) => Promise<void>;

/**
 * Bookings, the schedule claims on coaches' time, the coach's calendar entries (through
 * `cancelMeeting`, which tells the coach) and the meeting notes. Adds the bookings it found to
 * the subject, for the funnel eraser after it.
 */
export class CosmosMeetingEraser implements ResidentEraser {
  readonly containers = ['bookings', 'calendarEvents', 'meetingNotes'] as const;

  constructor(
    private readonly deps: {
      bookings: Container;
      meetingNotes: Container;
      bookingStore: BookingStore;
      cancelMeeting: CancelMeeting;
    },
  ) {}

  async eraseResident(subject: ErasureSubject): Promise<number> {
    const { bookings, meetingNotes, bookingStore, cancelMeeting } = this.deps;
    const parameters = [{ name: '@key', value: subject.key }];
    const booked = await queryAll<{ id: string; coachId: string }>(
      bookings,
      'SELECT c.id, c.coachId FROM c WHERE c.residentKey = @key',
      parameters,
      undefined,
      noCall,
    );
    // Schedule entries name the resident too (a claim whose booking document is already gone).
    const schedules = await queryAll<{
      pk: string;
      entries: { id: string; residentKey: string }[];
    }>(bookings, "SELECT c.pk, c.entries FROM c WHERE c.id = 'schedule'", [], undefined, noCall);
    const found = new Map<string, { coachId: string; bookingId: string }>();
    for (const { id, coachId } of booked) found.set(id, { coachId, bookingId: id });
    for (const schedule of schedules) {
      for (const entry of schedule.entries) {
        if (entry.residentKey === subject.key) {
          found.set(entry.id, { coachId: schedule.pk, bookingId: entry.id });
        }
      }
    }
    let count = 0;
    for (const booking of found.values()) {
      await cancelMeeting({ ...booking, residentKey: subject.key });
      // Idempotent: frees the schedule claim even when the planner found no booking document.
      await bookingStore.cancel(booking.coachId, booking.bookingId, subject.key);
      await deleteDocument(meetingNotes, booking.bookingId, booking.coachId, noCall);
      subject.bookings.push(booking);
      count += 1;
    }
    return count;
  }
}

/** Call-back requests and the team's claims on them. */
export class CosmosCallbackEraser implements ResidentEraser {
  readonly containers = ['callbacks', 'callbackWork'] as const;

  constructor(private readonly deps: { callbacks: Container; callbackWork: Container }) {}

  async eraseResident(subject: ErasureSubject): Promise<number> {
    const { callbacks, callbackWork } = this.deps;
    const found = await queryAll<{ id: string }>(
      callbacks,
      'SELECT c.id FROM c WHERE c.pk = @pk AND c.residentKey = @key',
      [
        { name: '@pk', value: CALLBACK_PARTITION },
        { name: '@key', value: subject.key },
      ],
      CALLBACK_PARTITION,
      noCall,
    );
    for (const { id } of found) {
      await deleteDocument(callbackWork, id, CALLBACK_PARTITION, noCall);
      await deleteDocument(callbacks, id, CALLBACK_PARTITION, noCall);
      subject.callbackIds.push(id);
    }
    return found.length;
  }
}

/** The conversation's review summary for the team (partitioned by its own id). */
export class CosmosReviewEraser implements ResidentEraser {
  readonly containers = ['conversationReviews'] as const;

  constructor(
    private readonly container: Container,
    private readonly reviewIdOf: (key: string) => string,
  ) {}

  async eraseResident(subject: ErasureSubject): Promise<number> {
    const id = this.reviewIdOf(subject.key);
    await deleteDocument(this.container, id, id, noCall);
    return 1;
  }
}

/**
 * Funnel events stay (they are counts: stage, week, channel, language) but their ids, which
 * are pseudonyms of the conversation or booking, are replaced by random ones: what remains can
 * no longer be tied to the resident, not even by someone who knows the conversation key.
 */
export class CosmosFunnelEraser implements ResidentEraser {
  readonly containers = ['funnelEvents'] as const;

  constructor(
    private readonly container: Container,
    private readonly keysOf: (subject: ErasureSubject) => string[],
  ) {}

  async eraseResident(subject: ErasureSubject): Promise<number> {
    const ids = this.keysOf(subject);
    if (ids.length === 0) return 0;
    const found = await queryAll<Record<string, unknown> & { id: string; pk: string }>(
      this.container,
      'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)',
      [{ name: '@ids', value: ids }],
      undefined,
      noCall,
    );
    for (const document of found) {
      const anonymous = Object.fromEntries(
        Object.entries(document).filter(([name]) => !name.startsWith('_')),
      );
      await callCosmos(
        (options) =>
          this.container.items.create({ ...anonymous, id: `anon-${randomUUID()}` }, options),
        noCall,
        this.container,
      );
      await deleteDocument(this.container, document.id, document.pk, noCall);
    }
    return found.length;
  }
}

/** WhatsApp's conversation id is the resident's pseudonym: the partition of its three containers. */
const whatsAppPrefix = 'whatsapp/';

/**
 * The WhatsApp contact (number, last message time), the inbox (messages as received) and the
 * delivery statuses. An opt-out ("stop") is kept as the bare marker `{ optedOutAt }`, without
 * number or ttl: the wish not to be messaged must outlive the erasure.
 */
export class CosmosWhatsAppEraser implements ResidentEraser {
  readonly containers = ['whatsappContacts', 'whatsappInbox', 'whatsappMessages'] as const;

  constructor(
    private readonly deps: { contacts: Container; inbox: Container; messages: Container },
  ) {}

  async eraseResident(subject: ErasureSubject): Promise<number> {
    if (!subject.key.startsWith(whatsAppPrefix)) return 0;
    const pk = subject.key.slice(whatsAppPrefix.length);
    let count = 0;
    for (const container of [this.deps.inbox, this.deps.messages]) {
      const documents = await queryPartition<{ id: string }>(container, pk, noCall);
      for (const { id } of documents) await deleteDocument(container, id, pk, noCall);
      count += documents.length;
    }
    const { contacts } = this.deps;
    const contact = await readDocument<{ optedOutAt?: string }>(contacts, 'contact', pk, noCall);
    if (contact?.resource.optedOutAt) {
      const marker = { id: 'contact', pk, optedOutAt: contact.resource.optedOutAt };
      await callCosmos((options) => contacts.items.upsert(marker, options), noCall, contacts);
    } else if (contact) {
      await deleteDocument(contacts, 'contact', pk, noCall);
    }
    return count + (contact ? 1 : 0);
  }
}

/** What a kept outbox job names instead of the erased resident's conversation key. */
export const ERASED_RESIDENT = 'erased';

/**
 * The resident's jobs in the booking outbox. Reminders, notices and calendar writes go. A
 * calendar removal stays, so the coach's entry is still cleared (the meeting eraser, which runs
 * first, queues it); it needs only the coach and the booking id, so its conversation key is
 * replaced. Patched, not replaced, so a worker holding the job's lease keeps its state.
 */
export class CosmosOutboxEraser implements ResidentEraser {
  readonly containers = ['outbox'] as const;

  constructor(private readonly container: Container) {}

  async eraseResident(subject: ErasureSubject): Promise<number> {
    const jobs = await queryAll<{ id: string; pk: string; kind: string }>(
      this.container,
      'SELECT c.id, c.pk, c.kind FROM c WHERE c.residentKey = @key',
      [{ name: '@key', value: subject.key }],
      undefined,
      noCall,
    );
    for (const job of jobs) {
      if (job.kind === 'calendarRemove') {
        await callCosmos(
          (options) =>
            this.container
              .item(job.id, job.pk)
              .patch([{ op: 'set', path: '/residentKey', value: ERASED_RESIDENT }], options),
          noCall,
          this.container,
        );
      } else {
        await deleteDocument(this.container, job.id, job.pk, noCall);
      }
    }
    return jobs.length;
  }
}

/** Where to reach the resident's conversation proactively (`pk` = the conversation key). */
export class CosmosConversationReferenceEraser implements ResidentEraser {
  readonly containers = ['conversationReferences'] as const;

  constructor(private readonly container: Container) {}

  async eraseResident(subject: ErasureSubject): Promise<number> {
    const documents = await queryPartition<{ id: string }>(this.container, subject.key, noCall);
    for (const { id } of documents) await deleteDocument(this.container, id, subject.key, noCall);
    return documents.length;
  }
}
