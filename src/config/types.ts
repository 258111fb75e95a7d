import type { Municipality } from '../domain/municipality.js';
import type { Language } from '../domain/language.js';

/** pino's levels, and `silent`. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * The configuration Voordeur runs on, as `loadConfig` (src/config.ts) builds it from the
 * environment: one section per part of the app.
 */
export interface Config {
  http: { port: number; host: string };
  logLevel: LogLevel;
  /** Bot Framework authentication; `undefined` means local, unauthenticated mode. */
  botAuth:
    | {
        appId: string;
        appPassword: string | undefined;
        appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
        tenantId: string | undefined;
        /** Where the channel's token signing keys are published; Azure's public cloud if unset. */
        openIdMetadataUrl: string | undefined;
      }
    | undefined;
  /** Serve the local Direct Line 3.0 surface (web chat without Azure). */
  directLineLocal: boolean;
  cosmos:
    | { kind: 'azure'; endpoint: string; key: string | undefined; database: string }
    | { kind: 'embedded'; database: string };
  retention: {
    /** Conversation state, summaries for review and WhatsApp contact: days after the last message. */
    conversationDays: number;
    /** Bookings, calendar entries and meeting notes: days after the meeting. */
    meetingDaysAfter: number;
    /** Call-back requests (with the phone number) and the team's work on them: days after asking. */
    callbackDays: number;
  };
  planning: {
    /** Coach seed file, relative to the project folder or absolute. */
    coachesFile: string;
    /** `ANSWERS_FILE`, relative to the project folder or absolute; unset: locale defaults. */
    answersFile?: string;
    minNoticeMinutes: number;
    horizonDays: number;
    closureDates: string[];
    closedOn: { goodFriday: boolean; liberationDay: boolean | 'lustrum' };
  };
  /** Where residents' browsers reach this server (for coach photos); local mode derives it. */
  publicBaseUrl: string | undefined;
  municipality: Municipality;
  /** The WhatsApp Business Cloud API channel; `undefined` when not configured. */
  whatsApp: WhatsAppConfig | undefined;
  staff: StaffConfig;
  /** Coaches' own calendars (which coach uses which is in the coaches file). */
  calendars: CalendarsConfig;
  /** The booking outbox: calendar writes, reminders and notices after a booking. */
  outbox: OutboxConfig;
  telemetry: TelemetryConfig;
}

export interface OutboxConfig {
  /** Seconds between sweeps for due jobs no instance is working on. */
  sweepSeconds: number;
  /** Back-off after a failed attempt: doubling from this, at most `retryMaxMinutes`. */
  retryBaseSeconds: number;
  retryMaxMinutes: number;
  /** Hour (Amsterdam) of the day before a meeting when the WhatsApp reminder goes. */
  reminderHour: number;
  /** Minutes between reads of the coaches' calendars for meetings they cancelled or moved; 0: off. */
  coachCalendarPollMinutes: number;
}

/** OpenTelemetry export and the metrics endpoint. */
export interface TelemetryConfig {
  /** Application Insights; `undefined`: nothing is exported. */
  appInsightsConnectionString: string | undefined;
  /** `entra`: sign telemetry with the managed identity's token; `key`: the connection string only. */
  appInsightsAuth: 'entra' | 'key';
  /** Serve `GET /metrics`; only on loopback unless set explicitly. */
  metricsEndpoint: boolean;
}

export interface CalendarsConfig {
  /** Microsoft 365 through Graph; `undefined` when not configured. */
  graph:
    | {
        credentials:
          | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string }
          | { kind: 'managedIdentity'; clientId?: string };
        baseUrl: string;
      }
    | undefined;
  /** Basic auth for CalDAV servers; `undefined`: requests without credentials. */
  caldav: { credentials: { username: string; password: string } | undefined };
}

/** The coaches' and staff's pages. */
export interface StaffConfig {
  /** Entra ID (OpenID Connect) login; `undefined` when not configured. */
  entra:
    | {
        tenantId: string;
        clientId: string;
        clientSecret: string;
        /** Issuer base: `https://login.microsoftonline.com/<tenant>/v2.0` unless overridden. */
        authority: string;
      }
    | undefined;
  /** The password-less development login: loopback and local mode only. */
  localLogin: boolean;
  sessionHours: number;
  auditRetentionDays: number;
  funnelRetentionDays: number;
}

export interface WhatsAppConfig {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  /** Graph API base URL, without version. */
  graphUrl: string;
  graphVersion: string;
  /** Names of the approved message templates. */
  templates: {
    reminder: string;
    reengage: string;
    /** Utility template: the coach cannot come at the booked time ({{1}} coach, {{2}} when). */
    coachCancelled: string;
    /** Utility template: the booked time turned out to be taken ({{1}} coach, {{2}} when). */
    lateConflict: string;
  };
  /** Meta's template language code per resident language. */
  templateLanguages: Record<Language, string>;
  /** Key of the residents' pseudonyms: `WHATSAPP_ID_KEY`, else the app secret. */
  idKey: string;
  /** Seconds between sweeps for messages no instance is handling. */
  recoveryIntervalSeconds: number;
}
