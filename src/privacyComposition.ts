import type { CosmosConnection } from './adapters/cosmos/cosmosClient.js';
import { CosmosAuditLog } from './adapters/cosmos/cosmosAuditLog.js';
import type { CosmosBookingStore } from './adapters/cosmos/cosmosBookings.js';
import type { CosmosCoachDirectory } from './adapters/cosmos/cosmosCoaches.js';
import {
  conversationEraser,
  CosmosCallbackEraser,
  CosmosFunnelEraser,
  CosmosMeetingEraser,
  CosmosOutboxEraser,
  CosmosConversationReferenceEraser,
  CosmosReviewEraser,
  CosmosWhatsAppEraser,
  type CancelMeeting,
} from './adapters/cosmos/cosmosErasers.js';
import { CosmosResidentLookup } from './adapters/cosmos/cosmosResidentLookup.js';
import type { ContainerName } from './adapters/cosmos/cosmosSchema.js';
import { ResidentErasure, type ErasureSubject, type ResidentEraser } from './domain/erasure.js';
import type { Config } from './config.js';
import type { Clock } from './ports/clock.js';
import type { ConversationStore } from './ports/conversationStore.js';
import { ResidentDataService } from './privacy/residentDataService.js';
import { funnelKey, reviewIdOf } from './recording/conversationRecorder.js';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Containers that keep nothing about a resident, and why: every other container must have an
 * eraser (a test compares this list and the erasers with the Cosmos schema).
 */
export const keptWithoutEraser: Partial<Record<ContainerName, string>> = {
  coaches: 'Coaches and their working hours: staff data, nothing about residents.',
  staffUsers: 'Staff logins and roles: nothing about residents.',
  staffSessions: 'Staff sessions (login cookies): nothing about residents.',
  staffAudit:
    'Kept by law (accountability, AVG art. 5(2)): who of the staff did what, with at most a booking or call-back id that no longer resolves after erasure; the erasure itself is one line without content. Expires after the audit retention.',
};

/** The funnel events that were tied to the resident: their conversation, and each booking. */
function funnelKeysOf(subject: ErasureSubject): string[] {
  const stages = ['contact', 'asked', 'booked'] as const;
  return [
    ...stages.map((stage) => funnelKey(stage, subject.key)),
    ...subject.bookings.map((booking) => funnelKey('outcome', booking.bookingId)),
  ];
}

/** Every store's eraser, in the order they must run (meetings before their funnel events). */
export function residentErasers(
  cosmos: CosmosConnection,
  deps: {
    bookingStore: CosmosBookingStore;
    conversations: ConversationStore;
    cancelMeeting: CancelMeeting;
  },
): ResidentEraser[] {
  const { containers } = cosmos;
  return [
    new CosmosMeetingEraser({
      bookings: containers.bookings,
      meetingNotes: containers.meetingNotes,
      bookingStore: deps.bookingStore,
      cancelMeeting: deps.cancelMeeting,
    }),
    new CosmosCallbackEraser({
      callbacks: containers.callbacks,
      callbackWork: containers.callbackWork,
    }),
    // After the meetings: their cancel queued the calendar removal this one keeps, anonymised.
    new CosmosOutboxEraser(containers.outbox),
    new CosmosConversationReferenceEraser(containers.conversationReferences),
    new CosmosReviewEraser(containers.conversationReviews, reviewIdOf),
    new CosmosFunnelEraser(containers.funnelEvents, funnelKeysOf),
    new CosmosWhatsAppEraser({
      contacts: containers.whatsappContacts,
      inbox: containers.whatsappInbox,
      messages: containers.whatsappMessages,
    }),
    // Last: a failure before it leaves the conversation, so the resident can ask again.
    conversationEraser(deps.conversations),
  ];
}

/** The resident's rights (see and erase) over every store, audited in the staff audit log. */
export function composeResidentData(
  config: Config,
  cosmos: CosmosConnection,
  clock: Clock,
  deps: {
    bookingStore: CosmosBookingStore;
    coaches: CosmosCoachDirectory;
    conversations: ConversationStore;
    cancelMeeting: CancelMeeting;
  },
): ResidentDataService {
  return new ResidentDataService({
    lookup: new CosmosResidentLookup(cosmos.containers),
    coaches: deps.coaches,
    erasure: new ResidentErasure(residentErasers(cosmos, deps)),
    audit: new CosmosAuditLog(cosmos.containers.staffAudit, {
      ttlSeconds: config.staff.auditRetentionDays * DAY_SECONDS,
    }),
    clock,
    retention: config.retention,
  });
}
