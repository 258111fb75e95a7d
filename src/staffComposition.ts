import { CosmosOutbox } from './adapters/cosmos/cosmosOutbox.js';
import type { Server } from 'restify';
import { CosmosAuditLog } from './adapters/cosmos/cosmosAuditLog.js';
import { CosmosBookingStore } from './adapters/cosmos/cosmosBookings.js';
import { CosmosCallbackStore } from './adapters/cosmos/cosmosCallbacks.js';
import { CosmosCallbackWorkStore } from './adapters/cosmos/cosmosCallbackWork.js';
import type { CosmosConnection } from './adapters/cosmos/cosmosClient.js';
import { CosmosCoachDirectory } from './adapters/cosmos/cosmosCoaches.js';
import { CosmosFunnelEventStore } from './adapters/cosmos/cosmosFunnelEvents.js';
import { CosmosMeetingNoteStore } from './adapters/cosmos/cosmosMeetingNotes.js';
import { CosmosReviewStore } from './adapters/cosmos/cosmosReviews.js';
import { CosmosStaffDirectory } from './adapters/cosmos/cosmosStaffDirectory.js';
import { CosmosStaffSessionStore } from './adapters/cosmos/cosmosStaffSessions.js';
import type { PropertySource, TurnStateAccessors } from '../dialogs/state.js';
import type { TurnHandler } from './bot/turnGate.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { Planner } from './planner/planner.js';
import type { CallbackStore } from './ports/callbacks.js';
import type { Clock } from './ports/clock.js';
import type { ResidentDataPort } from './ports/residentData.js';
import { EntraLogin } from './staff/auth/entraLogin.js';
import { ConversationRecorder } from './recording/conversationRecorder.js';
import { recordingCallbacks } from './recording/recordingCallbacks.js';
import { recordingPlanner } from './recording/recordingPlanner.js';
import { withTurnRecording } from './bot/turnRecording.js';
import { erasingAfterFlush, freshFunnel, freshReviews } from './recording/freshStores.js';
import { registerStaffPages } from './staff/registerStaffPages.js';

const DAY_SECONDS = 24 * 60 * 60;
/**
 * How long the recorder gathers turns before writing them (one bulk request for the reviews,
 * one batch per week for the contacts). Pages on this instance flush first; another instance's
 * pages are at most this far behind.
 */
const TURN_RECORDING_BATCH_MS = 2_000;

/**
 * The staff side, composed: its Cosmos stores, the recorder that fills them from the edges of
 * the bot (turns, planner, call-backs), and the pages. `src/app.ts` calls the three wrappers
 * and `register` once each.
 */
export function composeStaff(
  config: Config,
  cosmos: CosmosConnection,
  clock: Clock,
  log: Logger,
  retentionSeconds: number,
) {
  const { containers } = cosmos;
  const reviews = new CosmosReviewStore(containers.conversationReviews, {
    ttlSeconds: retentionSeconds,
  });
  const funnel = new CosmosFunnelEventStore(containers.funnelEvents, {
    ttlSeconds: config.staff.funnelRetentionDays * DAY_SECONDS,
  });
  const meetingSeconds = config.retention.meetingDaysAfter * DAY_SECONDS;
  const callbackSeconds = config.retention.callbackDays * DAY_SECONDS;
  const notes = new CosmosMeetingNoteStore(containers.meetingNotes, {
    ttlSeconds: meetingSeconds,
    clock,
  });
  const recorder = new ConversationRecorder({
    reviews,
    funnel,
    notes,
    clock,
    log: log.child({ component: 'staff-recorder' }),
    batchMs: TURN_RECORDING_BATCH_MS,
  });
  return {
    recorder,
    /** Erasure waits for the recorder's gathered turns, so nothing is written back after it. */
    erasingAfterRecording: <T extends ResidentDataPort>(residentData: T) =>
      erasingAfterFlush(residentData, recorder),
    /** Writes the gathered turns (the app is closing). */
    close: () => recorder.close(),
    recordPlanning<T extends { planner: Planner; callbacks: CallbackStore }>(planning: T): T {
      return {
        ...planning,
        planner: recordingPlanner(planning.planner, recorder),
        callbacks: recordingCallbacks(planning.callbacks, recorder),
      };
    },
    recordTurns(
      handler: TurnHandler,
      source: PropertySource,
      accessors: TurnStateAccessors,
    ): TurnHandler {
      return withTurnRecording(handler, source, accessors, recorder, () => clock.now().getTime());
    },
    register(server: Server, baseUrl: () => string, residentData?: ResidentDataPort): void {
      registerStaffPages(server, {
        sessionStore: new CosmosStaffSessionStore(containers.staffSessions),
        sessionTtlSeconds: config.staff.sessionHours * 60 * 60,
        directory: new CosmosStaffDirectory(containers.staffUsers),
        audit: new CosmosAuditLog(containers.staffAudit, {
          ttlSeconds: config.staff.auditRetentionDays * DAY_SECONDS,
        }),
        coaches: new CosmosCoachDirectory(containers.coaches, { clock }),
        bookings: new CosmosBookingStore(containers.bookings, {
          ttlSeconds: meetingSeconds,
          clock,
        }),
        notes,
        callbacks: new CosmosCallbackStore(containers.callbacks, { ttlSeconds: callbackSeconds }),
        callbackWork: new CosmosCallbackWorkStore(containers.callbackWork, {
          ttlSeconds: callbackSeconds,
        }),
        reviews: freshReviews(reviews, recorder),
        funnel: freshFunnel(funnel, recorder),
        outbox: new CosmosOutbox(containers.outbox),
        recorder,
        entra: config.staff.entra ? new EntraLogin(config.staff.entra) : undefined,
        localLogin: config.staff.localLogin,
        baseUrl,
        clock,
        log,
        residentData,
      });
    },
  };
}
