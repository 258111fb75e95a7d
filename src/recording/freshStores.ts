import type { ConversationReviewStore } from '../ports/conversationReviews.js';
import type { FunnelEventStore } from '../ports/funnelEvents.js';
import type { ResidentDataPort } from '../ports/residentData.js';
import type { ConversationRecorder } from './conversationRecorder.js';

/**
 * The review store as the staff pages read it: the recorder's gathered turns are written first,
 * so a page in this process never shows a conversation behind what the resident just did.
 */
export function freshReviews(
  reviews: ConversationReviewStore,
  recorder: Pick<ConversationRecorder, 'flush'>,
): ConversationReviewStore {
  return {
    get: async (id) => {
      await recorder.flush();
      return reviews.get(id);
    },
    createIfNew: (review) => reviews.createIfNew(review),
    update: (id, change) => reviews.update(id, change),
    updateMany: (changes) => reviews.updateMany(changes),
    page: async (filter, now, options) => {
      await recorder.flush();
      return reviews.page(filter, now, options);
    },
    stream: (filter, now) =>
      (async function* () {
        await recorder.flush();
        yield* reviews.stream(filter, now);
      })(),
  };
}

/** The funnel as the staff pages read it: gathered contacts counted first. */
export function freshFunnel(
  funnel: FunnelEventStore,
  recorder: Pick<ConversationRecorder, 'flush'>,
): FunnelEventStore {
  return {
    record: (key, event) => funnel.record(key, event),
    recordMany: (events) => funnel.recordMany(events),
    remove: (key, week) => funnel.remove(key, week),
    forWeek: async (week) => {
      await recorder.flush();
      return funnel.forWeek(week);
    },
  };
}

/**
 * Erasure after the gathered turns are written, so nothing of the resident is written back
 * after it (their review and contact count are then erased as they always were).
 */
export function erasingAfterFlush<T extends ResidentDataPort>(
  residentData: T,
  recorder: Pick<ConversationRecorder, 'flush'>,
): ResidentDataPort {
  return {
    whatIsKept: (key) => residentData.whatIsKept(key),
    keysByPhone: (phone) => residentData.keysByPhone(phone),
    erase: async (key, requester) => {
      await recorder.flush();
      await residentData.erase(key, requester);
    },
  };
}
