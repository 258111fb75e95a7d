import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { projectRoot } from '../paths.js';
import type { Logger } from '../log.js';
import type { AuditLog } from '../ports/auditLog.js';
import type { BookingStore } from '../ports/bookings.js';
import type { CallbackStore } from '../ports/callbacks.js';
import type { CallbackWorkStore } from '../ports/callbackWork.js';
import type { Clock } from '../ports/clock.js';
import type { CoachDirectory } from '../ports/coaches.js';
import type { ConversationReviewStore } from '../ports/conversationReviews.js';
import type { FunnelEventStore } from '../ports/funnelEvents.js';
import type { MeetingNoteStore } from '../ports/meetingNotes.js';
import type { StaffDirectory } from '../ports/staffDirectory.js';
import type { StaffSessionStore } from '../ports/staffSessions.js';
import type { ResidentDataPort } from '../ports/residentData.js';
import type { EntraLogin } from './auth/entraLogin.js';
import type { ConversationRecorder } from '../recording/conversationRecorder.js';
import { registerCallbackRoutes } from './routes/callbackRoutes.js';
import { registerEraseRoutes } from './routes/eraseRoutes.js';
import { registerLoginRoutes } from './routes/loginRoutes.js';
import { registerMeetingRoutes } from './routes/meetingRoutes.js';
import { registerOutboxRoutes } from './routes/outboxRoutes.js';
import type { OutboxMonitor } from '../ports/outbox.js';
import { registerReviewRoutes } from './routes/reviewRoutes.js';
import { registerTeamRoutes } from './routes/teamRoutes.js';
import { StaffSessions } from './session.js';

export interface StaffPagesDeps {
  sessionStore: StaffSessionStore;
  sessionTtlSeconds: number;
  directory: StaffDirectory;
  audit: AuditLog;
  coaches: CoachDirectory;
  bookings: BookingStore;
  notes: MeetingNoteStore;
  callbacks: CallbackStore;
  callbackWork: CallbackWorkStore;
  reviews: ConversationReviewStore;
  funnel: FunnelEventStore;
  /** The booking outbox's jobs that do not succeed (calendar, reminders). */
  outbox?: OutboxMonitor;
  recorder: ConversationRecorder;
  entra: EntraLogin | undefined;
  localLogin: boolean;
  /** The base URL browsers reach us on, for the login's redirect URI. */
  baseUrl: () => string;
  clock: Clock;
  log: Logger;
  /** Erasing a resident's data on a request by phone or letter; without it, no such page. */
  residentData?: ResidentDataPort | undefined;
}

const stylesheet = readFileSync(join(projectRoot, 'src/staff/public/staff.css'));
const favicon = readFileSync(join(projectRoot, 'src/staff/public/favicon.svg'));

/**
 * The coaches' and staff's pages under `/staff`: login (Entra ID, or the local development
 * login), the coach's own meetings, the call-back queue, conversation summaries and their
 * export, the weekly funnel, the audit log and administration. Every route checks the role
 * before it reads anything.
 */
export function registerStaffPages(server: Server, deps: StaffPagesDeps): void {
  const log = deps.log.child({ component: 'staff' });
  const sessions = new StaffSessions({
    store: deps.sessionStore,
    clock: deps.clock,
    ttlSeconds: deps.sessionTtlSeconds,
  });
  const guard = { sessions, directory: deps.directory, audit: deps.audit, clock: deps.clock, log };

  server.get('/staff/staff.css', async (_req: Request, res: Response) => {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/css; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(stylesheet);
  });

  server.get('/staff/favicon.svg', async (_req: Request, res: Response) => {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'image/svg+xml');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(favicon);
  });

  registerLoginRoutes(server, {
    ...guard,
    sessionStore: deps.sessionStore,
    coaches: deps.coaches,
    entra: deps.entra,
    localLogin: deps.localLogin,
    baseUrl: deps.baseUrl,
  });
  registerMeetingRoutes(server, {
    ...guard,
    bookings: deps.bookings,
    coaches: deps.coaches,
    notes: deps.notes,
    recorder: deps.recorder,
  });
  registerCallbackRoutes(server, { ...guard, callbacks: deps.callbacks, work: deps.callbackWork });
  registerReviewRoutes(server, { ...guard, reviews: deps.reviews, coaches: deps.coaches });
  registerTeamRoutes(server, { ...guard, funnel: deps.funnel, coaches: deps.coaches });
  if (deps.residentData) registerEraseRoutes(server, { ...guard, residentData: deps.residentData });
  if (deps.outbox)
    registerOutboxRoutes(server, { ...guard, outbox: deps.outbox, coaches: deps.coaches });
}
