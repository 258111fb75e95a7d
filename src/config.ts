import * as z from 'zod';
import { FURTHEST_DATE_AHEAD_DAYS } from './domain/timePreference.js';
import { languages, type Language } from './domain/language.js';
import { isLoopback } from './domain/loopback.js';

/** Lives in the domain so adapters can use it without importing config; re-exported for callers here. */
export { isLoopback };
export type {
  Config,
  OutboxConfig,
  TelemetryConfig,
  CalendarsConfig,
  StaffConfig,
  WhatsAppConfig,
  LogLevel,
} from './config/types.js';
import { logLevels, type Config } from './config/types.js';
import { calendarProblems, entraRequired, staffLoginProblems } from './config/crossFieldRules.js';

export { entraRequired };

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
    LOG_LEVEL: z.enum(logLevels).default('info'),

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
    WHATSAPP_TEMPLATE_COACH_CANCELLED: templateName.default('afspraak_coach_kan_niet'),
    WHATSAPP_TEMPLATE_LATE_CONFLICT: templateName.default('afspraak_andere_tijd'),
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
    /** Minutes between checks of the coaches' calendars for cancelled or moved meetings; 0: off. */
    COACH_CALENDAR_POLL_MINUTES: z.coerce
      .number({ message: 'must be a whole number of minutes (0: off)' })
      .int('must be a whole number of minutes (0: off)')
      .min(0)
      .max(1440)
      .default(10),

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
    /**
     * How Application Insights takes the telemetry: `entra`, with a token of the app's managed
     * identity (`AZURE_CLIENT_ID`; for a resource with local authentication off, as infra makes
     * it), or `key`, the connection string alone.
     */
    APPLICATIONINSIGHTS_AUTH: z.enum(['entra', 'key']).default('key'),
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
              coachCancelled: e.WHATSAPP_TEMPLATE_COACH_CANCELLED,
              lateConflict: e.WHATSAPP_TEMPLATE_LATE_CONFLICT,
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
      coachCalendarPollMinutes: e.COACH_CALENDAR_POLL_MINUTES,
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
      appInsightsAuth: e.APPLICATIONINSIGHTS_AUTH,
      metricsEndpoint: e.METRICS_ENDPOINT ?? isLoopback(e.HOST),
    },
  };
}
