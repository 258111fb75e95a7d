import { z } from 'zod';
import { FURTHEST_DATE_AHEAD_DAYS } from './domain/timePreference.js';
import { languages, type Language } from './domain/language.js';
import { isLoopback } from './domain/loopback.js';
import type { Municipality } from './domain/municipality.js';

/** Lives in the domain so adapters can use it without importing config; re-exported for callers here. */
export { isLoopback };

/**
 * The one place that reads the environment. Every name here is documented in the README
 * and set by `infra/`. Parsed once at start-up; on failure every problem is listed.
 */

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d5b7f');

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(emptyAsUndefined, schema.optional());

/** Meta's template names: lower case letters, digits and underscores. */
const templateName = z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be a WhatsApp template name');

/** Without these four WhatsApp is off; with some but not all, start-up fails. */
export const whatsAppRequired = [
  'WHATSAPP_PHONE_NUMBER_ID',
  'WHATSAPP_ACCESS_TOKEN',
  'WHATSAPP_APP_SECRET',
  'WHATSAPP_VERIFY_TOKEN',
] as const;

/**
 * `en=en_GB,…`: Meta's template language code for a resident language, where it differs from
 * the language's own code (`nl`, `ar`, `tr`, … are Meta codes as they are).
 */
function parseTemplateLanguages(value: string, ctx: z.RefinementCtx): Record<Language, string> {
  const codes = Object.fromEntries(languages.map((language) => [language, language])) as Record<
    Language,
    string
  >;
  for (const pair of value.split(',').filter((part) => part.trim() !== '')) {
    const [language, code] = pair.split('=').map((part) => part.trim());
    if (!language || !code || !(languages as readonly string[]).includes(language)) {
      ctx.addIssue({ code: 'custom', message: `"${pair}" is not <language>=<template language>` });
      continue;
    }
    if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(code)) {
      ctx.addIssue({ code: 'custom', message: `"${code}" is not a template language code` });
      continue;
    }
    codes[language as Language] = code;
  }
  return codes;
}

export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),

    MicrosoftAppId: optional(z.string().min(1)),
    MicrosoftAppPassword: optional(z.string().min(1)),
    MicrosoftAppType: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
      .default('MultiTenant'),
    MicrosoftAppTenantId: optional(z.string().min(1)),
    BOT_OPENID_METADATA_URL: optional(z.url({ protocol: /^https?$/ })),

    DIRECTLINE_LOCAL: optional(flag),

    COSMOS_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
    COSMOS_KEY: optional(z.string().min(1)),
    COSMOS_DATABASE: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/)
      .default('voordeur'),

    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    // Privacy (AVG art. 5): how long each kind of personal data is kept, in days.
    RETENTION_MEETING_DAYS_AFTER: z.coerce.number().int().min(1).max(3650).default(30),
    RETENTION_CALLBACK_DAYS: z.coerce.number().int().min(1).max(3650).default(30),

    COACHES_FILE: z.string().min(1).default('infra/coaches.example.json'),
    /** The municipality's own answers to residents' questions; unset: the safe defaults. */
    ANSWERS_FILE: z.string().min(1).optional(),
    MIN_NOTICE_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 14)
      .default(24),
    PLANNING_HORIZON_DAYS: z.coerce.number().int().min(1).max(FURTHEST_DATE_AHEAD_DAYS).default(28),
    CLOSURE_DATES: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((date) => date.trim())
          .filter((date) => date !== ''),
      )
      .pipe(
        z.array(z.iso.date({ message: 'must be ISO dates (2026-12-24), separated by commas' })),
      ),
    CLOSED_ON_GOOD_FRIDAY: flag.default(false),
    CLOSED_ON_LIBERATION_DAY: z.enum(['always', 'lustrum', 'never']).default('lustrum'),
    PUBLIC_BASE_URL: optional(z.url({ protocol: /^https?$/ })),

    MUNICIPALITY_NAME: z.string().min(1).max(80).default('gemeente Voorbeeld'),
    MUNICIPALITY_PHONE: z.string().min(3).max(30).default('14 0000'),
    PRIVACY_URL: optional(z.url({ protocol: /^https?$/ })),
    BRAND_COLOR: colour.default('#1d5b7f'),
    BRAND_TEXT_COLOR: colour.default('#ffffff'),

    WHATSAPP_PHONE_NUMBER_ID: optional(z.string().regex(/^\d{1,32}$/, 'must be digits')),
    WHATSAPP_ACCESS_TOKEN: optional(z.string().min(1)),
    WHATSAPP_APP_SECRET: optional(z.string().min(1)),
    WHATSAPP_VERIFY_TOKEN: optional(z.string().min(1)),
    WHATSAPP_GRAPH_VERSION: z
      .string()
      .regex(/^v\d{1,3}\.\d{1,3}$/, 'must look like v23.0')
      .default('v23.0'),
    WHATSAPP_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
    WHATSAPP_TEMPLATE_REMINDER: templateName.default('afspraak_herinnering'),
    WHATSAPP_TEMPLATE_REENGAGE: templateName.default('gesprek_hervatten'),
    WHATSAPP_TEMPLATE_LANGUAGES: z
      .string()
      .default('')
      .transform((value, ctx) => parseTemplateLanguages(value, ctx)),
    WHATSAPP_ID_KEY: optional(z.string().min(16)),
    WHATSAPP_RECOVERY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),

    OUTBOX_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
    OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    OUTBOX_RETRY_MAX_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    REMINDER_HOUR: z.coerce.number().int().min(7).max(20).default(10),

    ENTRA_TENANT_ID: optional(z.string().regex(/^[A-Za-z0-9.-]{1,100}$/, 'must be a tenant id')),
    ENTRA_CLIENT_ID: optional(z.string().min(1).max(100)),
    ENTRA_CLIENT_SECRET: optional(z.string().min(1)),
    ENTRA_AUTHORITY: optional(z.url({ protocol: /^https?$/ })),
    STAFF_LOCAL_LOGIN: optional(flag),
    STAFF_SESSION_HOURS: z.coerce.number().int().min(1).max(24).default(8),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    FUNNEL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
    GRAPH_TENANT_ID: optional(z.string().min(1)),
    GRAPH_CLIENT_ID: optional(z.string().min(1)),
    GRAPH_CLIENT_SECRET: optional(z.string().min(1)),
    GRAPH_MANAGED_IDENTITY: optional(flag),
    GRAPH_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com'),
    CALDAV_USERNAME: optional(z.string().min(1)),
    CALDAV_PASSWORD: optional(z.string().min(1)),

    /** Application Insights: traces and metrics are exported only when this is set. */
    APPLICATIONINSIGHTS_CONNECTION_STRING: optional(z.string().regex(/InstrumentationKey=/i)),
    /** `GET /metrics` (turns, Cosmos requests and request units); default: on in local mode only. */
    METRICS_ENDPOINT: optional(flag),
  })
  .superRefine((env, ctx) => {
    const whatsApp = whatsAppRequired.filter((name) => env[name] !== undefined);
    if (whatsApp.length > 0) {
      for (const name of whatsAppRequired.filter((required) => env[required] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `is missing: WhatsApp needs all of ${whatsAppRequired.join(', ')} (or none of them, to run without WhatsApp)`,
        });
      }
    }
    const graphUrl = new URL(env.WHATSAPP_GRAPH_URL);
    if (graphUrl.protocol !== 'https:' && !isLoopback(graphUrl.hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['WHATSAPP_GRAPH_URL'],
        message: 'must be https (plain http only on loopback, for a local stand-in)',
      });
    }
    if (
      env.BOT_OPENID_METADATA_URL &&
      new URL(env.BOT_OPENID_METADATA_URL).protocol !== 'https:' &&
      !isLoopback(new URL(env.BOT_OPENID_METADATA_URL).hostname)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['BOT_OPENID_METADATA_URL'],
        message: 'must be https (plain http only on loopback, for a local stand-in)',
      });
    }
    if (!env.MicrosoftAppId && !isLoopback(env.HOST)) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message:
          'without MicrosoftAppId the bot endpoint is unauthenticated, so it only binds to loopback (127.0.0.1 or ::1); set MicrosoftAppId to listen on other addresses',
      });
    }
    if (
      env.MicrosoftAppType !== 'UserAssignedMSI' &&
      env.MicrosoftAppId &&
      !env.MicrosoftAppPassword
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: `is required for MicrosoftAppType ${env.MicrosoftAppType}`,
      });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `is required for MicrosoftAppType ${env.MicrosoftAppType}`,
      });
    }
    if (env.DIRECTLINE_LOCAL && env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['DIRECTLINE_LOCAL'],
        message:
          'the local Direct Line surface serves the unauthenticated local mode only; with MicrosoftAppId use the Direct Line channel of Azure Bot Service',
      });
    }
    staffLoginProblems(env, ctx);
    calendarProblems(env).forEach(([path, message]) =>
      ctx.addIssue({ code: 'custom', path: [path], message }),
    );
    if (env.COSMOS_KEY && !env.COSMOS_ENDPOINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['COSMOS_KEY'],
        message: 'is set but COSMOS_ENDPOINT is not',
      });
    }
  });

export type Env = z.input<typeof envSchema>;

export const entraRequired = ['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET'] as const;

/** The staff pages' login: Entra ID all-or-nothing, and the local login only on loopback. */
function staffLoginProblems(
  env: {
    [K in (typeof entraRequired)[number]]?: string | undefined;
  } & {
    ENTRA_AUTHORITY?: string | undefined;
    STAFF_LOCAL_LOGIN?: boolean | undefined;
    MicrosoftAppId?: string | undefined;
    HOST: string;
    PUBLIC_BASE_URL?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const entra = entraRequired.filter((name) => env[name] !== undefined);
  if (entra.length > 0) {
    for (const name of entraRequired.filter((required) => env[required] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `is missing: the staff login needs all of ${entraRequired.join(', ')} (or none of them)`,
      });
    }
  }
  if (env.ENTRA_AUTHORITY) {
    const authority = new URL(env.ENTRA_AUTHORITY);
    if (authority.protocol !== 'https:' && !isLoopback(authority.hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENTRA_AUTHORITY'],
        message: 'must be https (plain http only on loopback, for a local stand-in)',
      });
    }
  }
  if (entra.length > 0 && !env.PUBLIC_BASE_URL && !isLoopback(env.HOST)) {
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_BASE_URL'],
      message: 'is required for the Entra ID staff login: it makes the redirect URI',
    });
  }
  if (env.STAFF_LOCAL_LOGIN && (env.MicrosoftAppId || !isLoopback(env.HOST))) {
    ctx.addIssue({
      code: 'custom',
      path: ['STAFF_LOCAL_LOGIN'],
      message:
        'the local staff login has no password: it is only allowed without MicrosoftAppId and on loopback (HOST 127.0.0.1 or ::1)',
    });
  }
}

/** Graph needs a secret (with tenant and app ids) or a managed identity; CalDAV both or neither. */
function calendarProblems(env: {
  GRAPH_TENANT_ID?: string | undefined;
  GRAPH_CLIENT_ID?: string | undefined;
  GRAPH_CLIENT_SECRET?: string | undefined;
  GRAPH_MANAGED_IDENTITY?: boolean | undefined;
  GRAPH_BASE_URL: string;
  CALDAV_USERNAME?: string | undefined;
  CALDAV_PASSWORD?: string | undefined;
}): [string, string][] {
  const problems: [string, string][] = [];
  if (env.GRAPH_CLIENT_SECRET) {
    if (env.GRAPH_MANAGED_IDENTITY) {
      problems.push([
        'GRAPH_MANAGED_IDENTITY',
        'choose a client secret or a managed identity, not both',
      ]);
    }
    for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID'] as const) {
      if (!env[name]) problems.push([name, 'is required with GRAPH_CLIENT_SECRET']);
    }
  } else if (!env.GRAPH_MANAGED_IDENTITY && (env.GRAPH_TENANT_ID || env.GRAPH_CLIENT_ID)) {
    problems.push([
      'GRAPH_CLIENT_SECRET',
      'is missing: Microsoft Graph needs GRAPH_CLIENT_SECRET or GRAPH_MANAGED_IDENTITY=true',
    ]);
  }
  const graphUrl = new URL(env.GRAPH_BASE_URL);
  if (graphUrl.protocol !== 'https:' && !isLoopback(graphUrl.hostname)) {
    problems.push([
      'GRAPH_BASE_URL',
      'must be https (plain http only on loopback, for a local stand-in)',
    ]);
  }
  if (Boolean(env.CALDAV_USERNAME) !== Boolean(env.CALDAV_PASSWORD)) {
    problems.push([
      env.CALDAV_USERNAME ? 'CALDAV_PASSWORD' : 'CALDAV_USERNAME',
      'is missing: CalDAV needs both CALDAV_USERNAME and CALDAV_PASSWORD, or neither',
    ]);
  }
  return problems;
}

export interface Config {
  http: { port: number; host: string };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
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
}

/** OpenTelemetry export and the metrics endpoint. */
export interface TelemetryConfig {
  /** Application Insights; `undefined`: nothing is exported. */
  appInsightsConnectionString: string | undefined;
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
  templates: { reminder: string; reengage: string };
  /** Meta's template language code per resident language. */
  templateLanguages: Record<Language, string>;
  /** Key of the residents' pseudonyms: `WHATSAPP_ID_KEY`, else the app secret. */
  idKey: string;
  /** Seconds between sweeps for messages no instance is handling. */
  recoveryIntervalSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a typed {@link Config}; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
      ),
    );
  }
  const e = parsed.data;
  return {
    http: { port: e.PORT, host: e.HOST },
    logLevel: e.LOG_LEVEL,
    botAuth: e.MicrosoftAppId
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          appType: e.MicrosoftAppType,
          tenantId: e.MicrosoftAppTenantId,
          openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
        }
      : undefined,
    directLineLocal: !e.MicrosoftAppId && (e.DIRECTLINE_LOCAL ?? true),
    cosmos: e.COSMOS_ENDPOINT
      ? {
          kind: 'azure',
          endpoint: e.COSMOS_ENDPOINT,
          key: e.COSMOS_KEY,
          database: e.COSMOS_DATABASE,
        }
      : { kind: 'embedded', database: e.COSMOS_DATABASE },
    retention: {
      conversationDays: e.RETENTION_DAYS,
      meetingDaysAfter: e.RETENTION_MEETING_DAYS_AFTER,
      callbackDays: e.RETENTION_CALLBACK_DAYS,
    },
    planning: {
      coachesFile: e.COACHES_FILE,
      ...(e.ANSWERS_FILE ? { answersFile: e.ANSWERS_FILE } : {}),
      minNoticeMinutes: Math.round(e.MIN_NOTICE_HOURS * 60),
      horizonDays: e.PLANNING_HORIZON_DAYS,
      closureDates: e.CLOSURE_DATES,
      closedOn: {
        goodFriday: e.CLOSED_ON_GOOD_FRIDAY,
        liberationDay: { always: true, lustrum: 'lustrum', never: false }[
          e.CLOSED_ON_LIBERATION_DAY
        ] as boolean | 'lustrum',
      },
    },
    publicBaseUrl: e.PUBLIC_BASE_URL,
    municipality: {
      name: e.MUNICIPALITY_NAME,
      phone: e.MUNICIPALITY_PHONE,
      privacyUrl: e.PRIVACY_URL,
      brandColor: e.BRAND_COLOR,
      brandTextColor: e.BRAND_TEXT_COLOR,
    },
    whatsApp:
      e.WHATSAPP_PHONE_NUMBER_ID &&
      e.WHATSAPP_ACCESS_TOKEN &&
      e.WHATSAPP_APP_SECRET &&
      e.WHATSAPP_VERIFY_TOKEN
        ? {
            phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
            accessToken: e.WHATSAPP_ACCESS_TOKEN,
            appSecret: e.WHATSAPP_APP_SECRET,
            verifyToken: e.WHATSAPP_VERIFY_TOKEN,
            graphUrl: e.WHATSAPP_GRAPH_URL,
            graphVersion: e.WHATSAPP_GRAPH_VERSION,
            templates: {
              reminder: e.WHATSAPP_TEMPLATE_REMINDER,
              reengage: e.WHATSAPP_TEMPLATE_REENGAGE,
            },
            templateLanguages: e.WHATSAPP_TEMPLATE_LANGUAGES,
            idKey: e.WHATSAPP_ID_KEY ?? e.WHATSAPP_APP_SECRET,
            recoveryIntervalSeconds: e.WHATSAPP_RECOVERY_SECONDS,
          }
        : undefined,
    staff: {
      entra:
        e.ENTRA_TENANT_ID && e.ENTRA_CLIENT_ID && e.ENTRA_CLIENT_SECRET
          ? {
              tenantId: e.ENTRA_TENANT_ID,
              clientId: e.ENTRA_CLIENT_ID,
              clientSecret: e.ENTRA_CLIENT_SECRET,
              authority:
                e.ENTRA_AUTHORITY ?? `https://login.microsoftonline.com/${e.ENTRA_TENANT_ID}/v2.0`,
            }
          : undefined,
      // On by default only where it is safe: local mode on loopback, and no Entra configured.
      localLogin:
        e.STAFF_LOCAL_LOGIN ?? (!e.MicrosoftAppId && isLoopback(e.HOST) && !e.ENTRA_TENANT_ID),
      sessionHours: e.STAFF_SESSION_HOURS,
      auditRetentionDays: e.AUDIT_RETENTION_DAYS,
      funnelRetentionDays: e.FUNNEL_RETENTION_DAYS,
    },
    outbox: {
      sweepSeconds: e.OUTBOX_SWEEP_SECONDS,
      retryBaseSeconds: e.OUTBOX_RETRY_BASE_SECONDS,
      retryMaxMinutes: e.OUTBOX_RETRY_MAX_MINUTES,
      reminderHour: e.REMINDER_HOUR,
    },
    calendars: {
      graph: e.GRAPH_CLIENT_SECRET
        ? {
            credentials: {
              kind: 'clientSecret',
              tenantId: e.GRAPH_TENANT_ID ?? '',
              clientId: e.GRAPH_CLIENT_ID ?? '',
              clientSecret: e.GRAPH_CLIENT_SECRET,
            },
            baseUrl: e.GRAPH_BASE_URL,
          }
        : e.GRAPH_MANAGED_IDENTITY
          ? {
              credentials: {
                kind: 'managedIdentity',
                ...(e.GRAPH_CLIENT_ID ? { clientId: e.GRAPH_CLIENT_ID } : {}),
              },
              baseUrl: e.GRAPH_BASE_URL,
            }
          : undefined,
      caldav: {
        credentials:
          e.CALDAV_USERNAME && e.CALDAV_PASSWORD
            ? { username: e.CALDAV_USERNAME, password: e.CALDAV_PASSWORD }
            : undefined,
      },
    },
    telemetry: {
      appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
      metricsEndpoint: e.METRICS_ENDPOINT ?? isLoopback(e.HOST),
    },
  };
}
