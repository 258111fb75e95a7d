import { randomUUID } from 'node:crypto';
import type { ResidentErasure } from '../domain/erasure.js';
import type { AuditLog } from '../ports/auditLog.js';
import type { Clock } from '../ports/clock.js';
import type { CoachDirectory } from '../ports/coaches.js';
import type {
  ErasureRequester,
  KeptAboutResident,
  ResidentDataPort,
  ResidentLookup,
} from '../ports/residentData.js';

const DAY_MS = 86_400_000;

export interface ResidentDataDeps {
  lookup: ResidentLookup;
  coaches: CoachDirectory;
  erasure: ResidentErasure;
  audit: AuditLog;
  clock: Clock;
  retention: { meetingDaysAfter: number; callbackDays: number };
}

/**
 * {@link ResidentDataPort}: what is kept, from the stores themselves (so the answer is true
 * right now), and the erasure with its audit line. The audit line names who asked and when,
 * never the resident, the conversation or what was erased.
 */
export class ResidentDataService implements ResidentDataPort {
  constructor(private readonly deps: ResidentDataDeps) {}

  async whatIsKept(key: string): Promise<KeptAboutResident> {
    const { lookup, coaches, retention } = this.deps;
    const [bookings, callbacks] = await Promise.all([
      lookup.bookingsOf(key),
      lookup.callbacksOf(key),
    ]);
    const meetings = await Promise.all(
      bookings
        .sort((a, b) => a.start.localeCompare(b.start))
        .map(async (booking) => {
          const { wishes, doesAlready, wouldHelp, phone } = booking.summary;
          return {
            start: booking.start,
            coachName: (await coaches.get(booking.coachId))?.name ?? '',
            form: booking.form,
            answers: [wishes, doesAlready, wouldHelp].filter(
              (answer): answer is string => typeof answer === 'string' && answer !== '',
            ),
            ...(phone ? { phone } : {}),
            keptUntil: daysAfter(booking.end, retention.meetingDaysAfter),
          };
        }),
    );
    return {
      meetings,
      callbacks: callbacks.map((request) => ({
        phone: request.phone,
        ...(request.preferredTimes ? { preferredTimes: request.preferredTimes } : {}),
        createdAt: request.createdAt,
        keptUntil: daysAfter(request.createdAt, retention.callbackDays),
      })),
    };
  }

  async erase(key: string, requester: ErasureRequester): Promise<void> {
    await this.deps.erasure.erase(key);
    const staff = requester.kind === 'staff';
    await this.deps.audit.append({
      id: randomUUID(),
      at: this.deps.clock.now().toISOString(),
      actorId: staff ? requester.id : 'resident',
      actorName: staff ? requester.name : `resident (${requester.channel})`,
      action: 'eraseResident',
    });
  }

  keysByPhone(phone: string): Promise<string[]> {
    return this.deps.lookup.keysByPhone(phone);
  }
}

function daysAfter(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}
