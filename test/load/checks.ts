import { fetchCalendarObjects, getBasicAuthHeaders } from 'tsdav';
import type { Transcript } from './chat.js';
import type { Stack } from './stack.js';

/** What the load test reads back from the store and the calendars after a phase. */

interface StoredBooking {
  id: string;
  coachId: string;
  start: string;
  end: string;
  residentKey: string;
}
interface ScheduleDoc {
  id: 'schedule';
  pk: string;
  entries: { id: string; start: string; end: string }[];
}
interface OutboxDoc {
  id: string;
  pk: string;
  kind: string;
  notice?: string;
  state: string;
  outcome?: string;
  residentKey: string;
}

/** Minutes every coach keeps free around a meeting (the generated coaches file's buffer). */
const BUFFER_MS = 15 * 60_000;

export async function storedBookings(stack: Stack, coachIds: readonly string[]) {
  const { resources } = await stack.cosmos.containers['bookings']!.items.query<
    StoredBooking | ScheduleDoc
  >('SELECT * FROM c').fetchAll();
  const ours = new Set(coachIds);
  const bookings = resources.filter(
    (d): d is StoredBooking => d.id !== 'schedule' && ours.has((d as StoredBooking).coachId),
  );
  const schedules = resources.filter(
    (d): d is ScheduleDoc => d.id === 'schedule' && ours.has((d as ScheduleDoc).pk),
  );
  return { bookings, schedules };
}

/**
 * Two bookings of one coach that overlap (with the coach's buffer), and bookings that are half
 * written: a booking document without its entry in the coach's schedule, or the reverse.
 */
export async function doubleBookings(stack: Stack, coachIds: readonly string[]) {
  const { bookings, schedules } = await storedBookings(stack, coachIds);
  let overlaps = 0;
  for (const coachId of coachIds) {
    const mine = bookings
      .filter((b) => b.coachId === coachId)
      .map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }))
      .sort((x, y) => x.start - y.start);
    for (let i = 1; i < mine.length; i++) {
      if (mine[i]!.start < mine[i - 1]!.end + BUFFER_MS) overlaps++;
    }
  }
  const entries = new Set(schedules.flatMap((s) => s.entries.map((e) => e.id)));
  const documents = new Set(bookings.map((b) => b.id));
  const halfWritten =
    bookings.filter((b) => !entries.has(b.id)).length +
    [...entries].filter((id) => !documents.has(id)).length;
  return { bookings, overlaps, halfWritten };
}

export async function outboxJobs(stack: Stack, coachIds: readonly string[]) {
  const ours = new Set(coachIds);
  const { resources } =
    await stack.cosmos.containers['outbox']!.items.query<OutboxDoc>('SELECT * FROM c').fetchAll();
  const jobs = resources.filter((j) => ours.has(j.pk.split('_')[0] ?? ''));
  const open = jobs.filter((j) => j.state !== 'handled');
  return { jobs, open };
}

/** Calendar events per coach: Voordeur's own calendar (Cosmos) or the CalDAV collection. */
export async function calendarEvents(stack: Stack, coachIds: readonly string[]) {
  const counts = new Map<string, number>();
  const caldav = new Set(stack.coaches.caldav);
  for (const coachId of coachIds) {
    if (caldav.has(coachId)) {
      const { radicale, collectionOf } = stack.calendar;
      const objects = await fetchCalendarObjects({
        calendar: { url: `${radicale.url}${collectionOf(coachId)}` },
        headers: getBasicAuthHeaders(radicale),
      });
      counts.set(coachId, objects.length);
    } else {
      const { resources } = await stack.cosmos.containers['calendarEvents']!.items.query<{
        pk: string;
      }>({
        query: 'SELECT c.id FROM c WHERE c.pk = @pk',
        parameters: [{ name: '@pk', value: coachId }],
      }).fetchAll();
      counts.set(coachId, resources.length);
    }
  }
  return counts;
}

/**
 * Every booking has exactly one calendar event and no outbox job is left open. Waits up to
 * `withinMs` for the outbox to get there; returns what it found last.
 */
export async function waitForOutbox(stack: Stack, coachIds: readonly string[], withinMs: number) {
  const started = performance.now();
  for (;;) {
    const { bookings } = await storedBookings(stack, coachIds);
    const { jobs, open } = await outboxJobs(stack, coachIds);
    const events = await calendarEvents(stack, coachIds);
    const perCoach = (id: string) => bookings.filter((b) => b.coachId === id).length;
    const missingEvents = coachIds.reduce(
      (sum, id) => sum + Math.max(0, perCoach(id) - (events.get(id) ?? 0)),
      0,
    );
    const extraEvents = coachIds.reduce(
      (sum, id) => sum + Math.max(0, (events.get(id) ?? 0) - perCoach(id)),
      0,
    );
    const done = open.length === 0 && missingEvents === 0;
    if (done || performance.now() - started > withinMs) {
      return {
        drained: done,
        ms: Math.round(performance.now() - started),
        jobs,
        open,
        missingEvents,
        extraEvents,
        events: [...events.values()].reduce((a, b) => a + b, 0),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Each message answered exactly once and in order: answered (at least one bot message), no bot
 * message twice in one answer, and no answer to a message after an answer to a later one (the
 * stream is in arrival order; Bot Framework answers come in their own response).
 */
export function transcriptFigures(transcript: Transcript) {
  let unanswered = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let latest = -1;
  for (const { replies, positions } of transcript) {
    if (positions.length > 0 && Math.min(...positions) < latest) outOfOrder++;
    latest = Math.max(latest, ...positions);
    if (replies.length === 0) unanswered++;
    const seen = new Set<string>();
    for (const reply of replies) {
      const key = JSON.stringify([reply.text, reply.attachments, reply.suggestedActions]);
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
  }
  return { messages: transcript.length, unanswered, duplicates, outOfOrder };
}
