import type { NotPossibleReason } from '../domain/availability.js';
import {
  freeSlots,
  nearestAlternatives,
  whyNothingMatches,
  proposeSlots,
  type CoachCalendar,
  type SearchWindow,
} from '../domain/availability.js';
import type { Coach } from '../domain/coach.js';
import { rankCoaches, type RankedCoach } from '../domain/coachChoice.js';
import type { Slot, TimePreference } from '../domain/calendarTime.js';
import { isVoordeurError } from '../errors.js';
import { bookingId, conflictsWith, type Booking, type BookingStore } from '../ports/bookings.js';
import type { Calendar } from '../ports/calendar.js';
import type { BookingOutbox } from '../ports/outbox.js';
import type { DescribeHandoff } from './calendarEvent.js';
import { directOutbox } from './directOutbox.js';
import type { Clock } from '../ports/clock.js';
import type { CoachDirectory } from '../ports/coaches.js';
import type {
  BookRequest,
  BookResult,
  Planner,
  Proposal,
  ProposalResult,
  ResidentContext,
} from './planner.js';

export interface PlannerDeps {
  coaches: CoachDirectory;
  bookings: BookingStore;
  calendar: Calendar;
  clock: Clock;
  /**
   * ISO dates nobody is met (public holidays and configured dates), or how to find them on first
   * use (the holiday tables are large and only a search needs them).
   */
  closures: ReadonlySet<string> | (() => Promise<ReadonlySet<string>>);
  minNoticeMinutes: number;
  horizonDays: number;
  /** The calendar event's text for the coach: the handoff summary in words. */
  describeHandoff: DescribeHandoff;
  /**
   * Where the coach's calendar is written, moved and cleared: durable jobs that run after the
   * resident's turn (a calendar that is down never undoes a booking). Without one (tests over
   * memory stores) the calendar is written in process right after the booking.
   */
  outbox?: BookingOutbox;
}

const DAY = 86_400_000;

/**
 * The Planner over ports: coach choice and availability come from `src/domain/`, calendars and
 * bookings from adapters. Double booking is prevented by the booking store (it claims the
 * coach's time on one schedule per coach, in the database), never by this object's memory, so
 * any number of instances may run.
 */
export function createPlanner(plannerDeps: PlannerDeps): Planner {
  const deps = { ...plannerDeps, outbox: plannerDeps.outbox ?? directOutbox(plannerDeps) };
  let closures: Promise<ReadonlySet<string>> | undefined;
  const window = async (now: Date): Promise<SearchWindow> => ({
    closures: await (closures ??= Promise.resolve(
      typeof deps.closures === 'function' ? deps.closures() : deps.closures,
    )),
    now,
    minNoticeMinutes: deps.minNoticeMinutes,
    horizonDays: deps.horizonDays,
  });

  async function calendarOf(coach: Coach, now: Date): Promise<CoachCalendar> {
    const to = new Date(now.getTime() + (deps.horizonDays + 1) * DAY);
    const [busy, bookings] = await Promise.all([
      deps.calendar.busy(coach.id, now, to),
      deps.bookings.busyIntervals(coach.id, now, to),
    ]);
    return { coach, busy, bookings };
  }

  /**
   * The coach's time, or, while the coach's calendar is down, what Voordeur itself knows (its
   * own bookings): offers and bookings go on, and the outbox checks the coach's calendar again
   * right before it writes (a clash found then is offered new times).
   */
  async function calendarOrOwnBookings(coach: Coach, now: Date): Promise<CoachCalendar> {
    return calendarOf(coach, now).catch(async (error: unknown) => {
      if (!isVoordeurError(error, 'VD_CALENDAR_UNAVAILABLE')) throw error;
      const to = new Date(now.getTime() + (deps.horizonDays + 1) * DAY);
      return { coach, busy: [], bookings: await deps.bookings.busyIntervals(coach.id, now, to) };
    });
  }

  async function rank(resident: ResidentContext, now: Date): Promise<RankedCoach[]> {
    const [coaches, upcoming] = await Promise.all([
      deps.coaches.list(),
      deps.bookings.upcomingCounts(now),
    ]);
    const caseloads = Object.fromEntries(
      coaches.map((c) => [c.id, c.caseload + (upcoming[c.id] ?? 0)]),
    );
    return rankCoaches(coaches, resident, caseloads);
  }

  /**
   * The coaches to search first: the resident's own coach when they return, else the coaches
   * serving their area, else the coaches who speak their language (other than Dutch), else
   * everyone. Wider circles are searched only when a narrow one has no time at all within the
   * horizon.
   */
  function circles(ranked: RankedCoach[]): { coaches: RankedCoach[]; soft: boolean }[] {
    const own = ranked.filter((r) =>
      r.reasons.some((reason) => reason.kind === 'sameCoachAsBefore'),
    );
    const area = ranked.filter((r) =>
      r.reasons.some((reason) => reason.kind === 'servesArea' || reason.kind === 'servesPostcode'),
    );
    // A resident who writes in another language than Dutch meets a coach who speaks it first —
    // at a time they asked for: this circle is soft, its other times come only when no wider
    // circle has one the resident asked for.
    const speaks = ranked.filter((r) => r.reasons.some((reason) => reason.kind === 'speaks'));
    return [own, area, speaks, ranked]
      .map((coaches) => ({ coaches, soft: coaches === speaks }))
      .filter(
        ({ coaches }, i, all) =>
          coaches.length > 0 && all.findIndex((c) => c.coaches === coaches) === i,
      );
  }

  async function propose(
    resident: ResidentContext,
    preference: TimePreference,
    count = 3,
  ): Promise<ProposalResult> {
    const now = deps.clock.now();
    const ranked = await rank(resident, now);
    const calendars = new Map<string, Promise<CoachCalendar>>();
    const calendarFor = (coach: Coach) => {
      if (!calendars.has(coach.id)) calendars.set(coach.id, calendarOrOwnBookings(coach, now));
      return calendars.get(coach.id)!;
    };
    const reasonsOf = new Map(ranked.map((r) => [r.coach.id, r.reasons]));
    const toProposals = (slots: Slot[]) => slots.map((slot) => proposalOf(slot, ranked, reasonsOf));

    let deferred: ProposalResult | undefined;
    for (const { coaches: circle, soft } of circles(ranked)) {
      const input = {
        ...(await window(now)),
        coaches: await Promise.all(circle.map((r) => calendarFor(r.coach))),
        preference,
        count,
      };
      const matches = proposeSlots(input);
      if (matches.length > 0) return { kind: 'matches', proposals: toProposals(matches) };
      const alternatives = nearestAlternatives(input);
      if (alternatives.slots.length > 0) {
        const offer: ProposalResult = {
          kind: 'alternatives',
          relaxed: alternatives.relaxed,
          proposals: toProposals(alternatives.slots),
          ...whyNot(input, preference),
        };
        if (!soft) return deferred ?? offer;
        deferred ??= offer;
      }
    }
    return deferred ?? { kind: 'none' };
  }

  async function book(request: BookRequest): Promise<BookResult> {
    const now = deps.clock.now();
    const start = new Date(request.start);
    const coach = await deps.coaches.get(request.coachId);
    const unavailable = async (
      reason: 'taken' | 'expired' | 'notOffered',
    ): Promise<BookResult> => ({
      kind: 'unavailable',
      reason,
      alternatives: await propose(request.resident, request.preference ?? {}),
    });
    if (!coach || Number.isNaN(start.getTime())) return unavailable('notOffered');

    const id = bookingId(coach.id, start);
    const existing = await deps.bookings.get(coach.id, id);
    if (existing?.residentKey === request.resident.key) {
      // The same turn again (a retry): make sure the calendar job is queued, and report success.
      await deps.outbox.booked(existing, request.resident);
      await deps.outbox.dispatch(existing);
      return { kind: 'booked', booking: existing, coach };
    }
    if (existing) return unavailable('taken');
    if (start.getTime() < now.getTime() + deps.minNoticeMinutes * 60_000)
      return unavailable('expired');

    // The coach's calendar down: the slot was free when offered, so the booking goes ahead.
    const calendar = await calendarOrOwnBookings(coach, now);
    const slot = freeSlots({ ...calendar, ...(await window(now)) }).find(
      (s) => s.start === start.getTime(),
    );
    if (!slot) {
      // Another resident's booking is in the way: they were first. Otherwise it was never on offer.
      const end = start.getTime() + coach.meetingMinutes * 60_000;
      // Read the schedule afresh: a winner claims it before writing the calendar, so a calendar
      // event seen above may belong to a claim the first read just missed.
      const booked = await deps.bookings.busyIntervals(
        coach.id,
        new Date(start.getTime() - DAY),
        new Date(end + DAY),
      );
      const clashes = conflictsWith({ start: start.getTime(), end }, coach.bufferMinutes);
      return unavailable(booked.some(clashes) ? 'taken' : 'notOffered');
    }

    const booking: Booking = {
      id,
      coachId: coach.id,
      start: new Date(slot.start).toISOString(),
      end: new Date(slot.end).toISOString(),
      residentKey: request.resident.key,
      form: request.form,
      ...(request.placeId ? { placeId: request.placeId } : {}),
      summary: request.summary,
      createdAt: now.toISOString(),
    };
    // The jobs first: a crash right after storing the booking still leaves them queued.
    await deps.outbox.booked(booking, request.resident);
    try {
      await deps.bookings.create(booking, { bufferMinutes: coach.bufferMinutes });
    } catch (error) {
      // The queued jobs find no booking of this version and end without writing anything.
      if (isVoordeurError(error, 'VD_SLOT_TAKEN')) return unavailable('taken');
      throw error;
    }
    await deps.outbox.dispatch(booking);
    return { kind: 'booked', booking, coach };
  }

  async function cancel(
    resident: ResidentContext,
    current: { coachId: string; bookingId: string },
  ) {
    const booking = await deps.bookings.get(current.coachId, current.bookingId);
    if (!booking || booking.residentKey !== resident.key) return;
    // The removal first: it waits until the booking is gone, so a crash in between loses nothing.
    await deps.outbox.cancelled(booking);
    await deps.bookings.cancel(current.coachId, current.bookingId, resident.key);
    await deps.outbox.dispatch(booking);
  }

  return {
    propose,
    book,
    async move(current, request) {
      const result = await book(request);
      if (result.kind === 'booked' && result.booking.id !== current.bookingId) {
        await cancel(request.resident, current);
      }
      return result;
    },
    cancel,
    async find(current) {
      const [booking, coach] = await Promise.all([
        deps.bookings.get(current.coachId, current.bookingId),
        deps.coaches.get(current.coachId),
      ]);
      return booking && coach ? { booking, coach } : undefined;
    },
  };
}

function proposalOf(
  slot: Slot,
  ranked: RankedCoach[],
  reasonsOf: Map<string, RankedCoach['reasons']>,
): Proposal {
  const coach = ranked.find((r) => r.coach.id === slot.coachId)!.coach;
  return {
    coach,
    start: new Date(slot.start),
    end: new Date(slot.end),
    reasons: reasonsOf.get(coach.id) ?? [],
  };
}

/** The rule behind "lukt niet" (notice, weekend, closure, horizon), when there is one. */
function whyNot(...args: Parameters<typeof whyNothingMatches>): { why?: NotPossibleReason } {
  const why = whyNothingMatches(...args);
  return why ? { why } : {};
}
