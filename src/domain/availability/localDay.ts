/**
 * Calendar days in {@link PLANNING_ZONE} wall time, whatever the server's zone, and the epoch
 * milliseconds of their wall times. A wall time that does not exist (2027-03-28 02:30) has
 * none; one that happens twice (2026-10-25 02:30) means its first occurrence.
 */
import { DateTime, IANAZone } from 'luxon';
import { PLANNING_ZONE, type Weekday } from '../calendarTime.js';

export const MINUTE = 60_000;
export const DAY = 86_400_000;
const MINUTES_PER_DAY = 24 * 60;

const zone = IANAZone.create(PLANNING_ZONE);

/**
 * One calendar day in the planning zone. On the 363 days without a clock change a wall time is
 * plain arithmetic from midnight; on the other two, luxon builds each wall time and we check
 * that it round-trips (luxon silently moves 02:30 to 03:30 on the spring-forward night).
 */
export class LocalDay {
  readonly date: string;
  readonly weekday: Weekday;
  /** Epoch ms of local midnight and of the next local midnight. */
  readonly start: number;
  readonly end: number;
  private readonly uniform: boolean;
  private readonly wallTimes = new Map<number, number | undefined>();

  constructor(readonly dayNumber: number) {
    const utc = new Date(dayNumber * DAY);
    this.date = utc.toISOString().slice(0, 10);
    this.weekday = (((utc.getUTCDay() + 6) % 7) + 1) as Weekday;
    const civil = {
      year: utc.getUTCFullYear(),
      month: utc.getUTCMonth() + 1,
      day: utc.getUTCDate(),
    };
    const midnight = DateTime.fromObject(civil, { zone: PLANNING_ZONE });
    this.start = midnight.toMillis();
    this.end = midnight.plus({ days: 1 }).startOf('day').toMillis();
    this.uniform = this.end - this.start === DAY;
  }

  /** Epoch ms of a wall time this day, or undefined when the clock skips it. */
  at(minute: number): number | undefined {
    if (this.uniform) return this.start + minute * MINUTE;
    if (this.wallTimes.has(minute)) return this.wallTimes.get(minute);
    const epoch = this.resolve(minute);
    this.wallTimes.set(minute, epoch);
    return epoch;
  }

  /** Epoch ms where a range boundary lies: a skipped wall time becomes the first one after it. */
  boundary(minute: number): number {
    if (minute >= MINUTES_PER_DAY) return this.end;
    if (minute <= 0) return this.start;
    for (let m = minute; m < MINUTES_PER_DAY; m += 1) {
      const epoch = this.at(m);
      if (epoch !== undefined) return epoch;
    }
    return this.end;
  }

  private resolve(minute: number): number | undefined {
    const hour = Math.floor(minute / 60);
    const wall = DateTime.fromObject(
      {
        year: Number(this.date.slice(0, 4)),
        month: Number(this.date.slice(5, 7)),
        day: Number(this.date.slice(8, 10)),
        hour,
        minute: minute % 60,
      },
      { zone: PLANNING_ZONE },
    );
    if (wall.hour !== hour || wall.minute !== minute % 60) return undefined;
    // Twice on the night the clocks go back: luxon picks the later one; we want the first.
    const earlier = wall.toMillis() - 60 * MINUTE;
    return wallMinute(earlier) === minute && localDayNumber(earlier) === this.dayNumber
      ? earlier
      : wall.toMillis();
  }
}

function localMillis(epoch: number): number {
  return epoch + zone.offset(epoch) * MINUTE;
}

/** The number of the planning-zone calendar day an instant falls on (days since 1970-01-01). */
export function localDayNumber(epoch: number): number {
  return Math.floor(localMillis(epoch) / DAY);
}

function wallMinute(epoch: number): number {
  const local = localMillis(epoch);
  return Math.floor((local - Math.floor(local / DAY) * DAY) / MINUTE);
}

/** Days are pure functions of their date, so they are shared between searches. */
const days = new Map<number, LocalDay>();
const maxCachedDays = 4000;

/** The day with this number, from the shared cache. */
export function localDay(dayNumber: number): LocalDay {
  let day = days.get(dayNumber);
  if (!day) {
    if (days.size >= maxCachedDays) days.clear();
    day = new LocalDay(dayNumber);
    days.set(dayNumber, day);
  }
  return day;
}

/** The planning-zone day an instant falls on. */
export function localDayOf(epoch: number): LocalDay {
  return localDay(localDayNumber(epoch));
}
