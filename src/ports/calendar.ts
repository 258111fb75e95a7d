import type { Interval } from '../domain/calendarTime.js';

/** A meeting in a coach's calendar, written by Voordeur. */
export interface CalendarEvent {
  /** Stable id (the booking id): writing the same event twice never makes two. */
  id: string;
  coachId: string;
  /** ISO instants. */
  start: string;
  end: string;
  title: string;
  /** The handoff summary, as text for the coach. */
  description: string;
  location?: string;
}

/**
 * A coach's calendar. Each calendar provider is an adapter behind this port — the embedded
 * calendar in Cosmos DB, Microsoft Graph, CalDAV — so the planner never knows which one a coach
 * has. Every write is idempotent by event id, so a retried turn never books twice.
 */
export interface Calendar {
  /** Busy intervals of the coach overlapping [from, to): their own appointments and Voordeur's. */
  busy(coachId: string, from: Date, to: Date): Promise<Interval[]>;
  put(event: CalendarEvent): Promise<void>;
  /** Removing an event that is gone is not an error. */
  remove(coachId: string, eventId: string): Promise<void>;
}
