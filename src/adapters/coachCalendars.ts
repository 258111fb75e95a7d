import type { CalendarSetting, Coach } from '../domain/coach.js';
import type { Interval } from '../domain/calendarTime.js';
import type { Calendar, CalendarEvent, CalendarService, EventTimes } from '../ports/calendar.js';
import type { Clock } from '../ports/clock.js';
import type { CoachDirectory } from '../ports/coaches.js';
import type { Logger } from '../log.js';
import type { CalendarRetryOptions } from './calendarRetry.js';
import type { GraphCredentials } from './graph/graphClient.js';

export interface CoachCalendarsOptions {
  /** Where each coach's calendar setting is read (the coaches file, as seeded). */
  coaches: CoachDirectory;
  /** Voordeur's own calendar, for coaches without a calendar setting. */
  embedded: Calendar;
  /** Microsoft 365 through Graph; unset: no coach may name `graph`. */
  graph?: CalendarService;
  /** CalDAV servers; unset: no coach may name `caldav`. */
  caldav?: CalendarService;
}

/**
 * The one {@link Calendar} the planner sees: each call goes to the coach's own calendar, as
 * the coaches file says — Microsoft 365 (by mailbox), a CalDAV collection (by URL), or, without
 * a setting, Voordeur's own. The setting is read from the coach directory (cached there), so a
 * changed coaches file takes effect like every other coach change.
 */
export class CoachCalendars implements Calendar {
  constructor(private readonly options: CoachCalendarsOptions) {}

  async busy(coachId: string, from: Date, to: Date): Promise<Interval[]> {
    const route = await this.route(coachId);
    return route.service
      ? route.service.busy(route.address, from, to)
      : this.options.embedded.busy(coachId, from, to);
  }

  async put(event: CalendarEvent): Promise<void> {
    const route = await this.route(event.coachId);
    return route.service
      ? route.service.put(route.address, event)
      : this.options.embedded.put(event);
  }

  async remove(coachId: string, eventId: string): Promise<void> {
    const route = await this.route(coachId);
    return route.service
      ? route.service.remove(route.address, eventId)
      : this.options.embedded.remove(coachId, eventId);
  }

  async eventTimes(coachId: string, eventId: string): Promise<EventTimes | undefined> {
    const route = await this.route(coachId);
    return route.service
      ? route.service.eventTimes(route.address, eventId)
      : this.options.embedded.eventTimes(coachId, eventId);
  }

  private async route(
    coachId: string,
  ): Promise<{ service: CalendarService; address: string } | { service?: undefined }> {
    const setting = (await this.options.coaches.get(coachId))?.calendar;
    if (!setting) return {};
    const service = this.options[setting.provider];
    // checkCalendarSettings refuses this at start-up; a coach added later gets the same words.
    if (!service) throw new Error(unconfigured(coachId, setting));
    return { service, address: setting.provider === 'graph' ? setting.mailbox : setting.url };
  }
}

function unconfigured(coachId: string, setting: CalendarSetting): string {
  const needs =
    setting.provider === 'graph'
      ? 'GRAPH_CLIENT_SECRET (with GRAPH_TENANT_ID and GRAPH_CLIENT_ID) or GRAPH_MANAGED_IDENTITY=true'
      : 'the CalDAV settings';
  return `coach "${coachId}": calendar.provider is "${setting.provider}", but ${needs} are not configured`;
}

/**
 * Start-up check: every coach whose calendar names a provider has that provider configured.
 * Throws one error naming each such coach and the field.
 */
export function checkCalendarSettings(
  coaches: readonly Coach[],
  available: { graph: boolean; caldav: boolean },
): void {
  const problems = coaches
    .filter((coach) => coach.calendar && !available[coach.calendar.provider])
    .map((coach) => unconfigured(coach.id, coach.calendar!));
  if (problems.length > 0) {
    throw new Error(`Coaches' calendars cannot be reached:\n  ${problems.join('\n  ')}`);
  }
}

/** What {@link connectCoachCalendars} needs besides the coaches and the embedded calendar. */
export interface CalendarConnections {
  graph: { credentials: GraphCredentials; baseUrl: string } | undefined;
  caldav: { credentials: { username: string; password: string } | undefined };
  clock: Clock;
  retry?: CalendarRetryOptions;
  /** Retries are logged here (provider, attempt, wait and reason: no addresses, no content). */
  log?: Logger;
}

/**
 * The coaches' calendars as configured: Graph when it has credentials, CalDAV always (a
 * server may need no credentials), Voordeur's own for the rest. Checks the coaches first.
 */
export async function connectCoachCalendars(
  coaches: CoachDirectory,
  embedded: Calendar,
  connections: CalendarConnections,
): Promise<Calendar> {
  checkCalendarSettings(await coaches.list(), { graph: Boolean(connections.graph), caldav: true });
  const { clock, log } = connections;
  const retryFor = (provider: 'graph' | 'caldav'): CalendarRetryOptions => ({
    ...connections.retry,
    onRetry: (info) => {
      connections.retry?.onRetry?.(info);
      log?.warn({ provider, ...info }, 'calendar call retried');
    },
  });
  return new CoachCalendars({
    coaches,
    embedded,
    ...(connections.graph
      ? {
          graph: loadedOnFirstUse(async () => {
            const graph = connections.graph!;
            const { GraphCalendar } = await import('./graph/graphCalendar.js');
            const { createGraphClient, graphCredential } = await import('./graph/graphClient.js');
            return new GraphCalendar(
              createGraphClient(graphCredential(graph.credentials), graph.baseUrl),
              { clock, retry: retryFor('graph') },
            );
          }),
        }
      : {}),
    caldav: loadedOnFirstUse(async () => {
      const { CalDavCalendar } = await import('./caldav/caldavCalendar.js');
      return new CalDavCalendar({
        clock,
        ...(connections.caldav.credentials ? { credentials: connections.caldav.credentials } : {}),
        retry: retryFor('caldav'),
      });
    }),
  });
}

/**
 * A calendar service whose code loads with its first call: most municipalities use one provider
 * or none, and the Graph client, tsdav and the RRULE expander cost start-up time and memory. A
 * load that fails is tried again on the next call.
 */
function loadedOnFirstUse(load: () => Promise<CalendarService>): CalendarService {
  let loading: Promise<CalendarService> | undefined;
  const service = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return {
    busy: async (address, from, to) => (await service()).busy(address, from, to),
    put: async (address, event) => (await service()).put(address, event),
    remove: async (address, eventId) => (await service()).remove(address, eventId),
    eventTimes: async (address, eventId) => (await service()).eventTimes(address, eventId),
  };
}
