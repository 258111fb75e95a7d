import { isIP } from 'node:net';
import { z } from 'zod';

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

const envSchema = z
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

    DIRECTLINE_LOCAL: optional(flag),

    COSMOS_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
    COSMOS_KEY: optional(z.string().min(1)),
    COSMOS_DATABASE: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/)
      .default('voordeur'),

    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),

    COACHES_FILE: z.string().min(1).default('infra/coaches.example.json'),
    MIN_NOTICE_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 14)
      .default(24),
    PLANNING_HORIZON_DAYS: z.coerce.number().int().min(1).max(56).default(28),
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
  })
  .superRefine((env, ctx) => {
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
    if (env.COSMOS_KEY && !env.COSMOS_ENDPOINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['COSMOS_KEY'],
        message: 'is set but COSMOS_ENDPOINT is not',
      });
    }
  });

export type Env = z.input<typeof envSchema>;

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
      }
    | undefined;
  /** Serve the local Direct Line 3.0 surface (web chat without Azure). */
  directLineLocal: boolean;
  cosmos:
    | { kind: 'azure'; endpoint: string; key: string | undefined; database: string }
    | { kind: 'embedded'; database: string };
  retention: { conversationDays: number };
  planning: {
    /** Coach seed file, relative to the project folder or absolute. */
    coachesFile: string;
    minNoticeMinutes: number;
    horizonDays: number;
    closureDates: string[];
    closedOn: { goodFriday: boolean; liberationDay: boolean | 'lustrum' };
  };
  /** Where residents' browsers reach this server (for coach photos); local mode derives it. */
  publicBaseUrl: string | undefined;
  municipality: {
    name: string;
    phone: string;
    privacyUrl: string | undefined;
    brandColor: string;
    brandTextColor: string;
  };
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
    retention: { conversationDays: e.RETENTION_DAYS },
    planning: {
      coachesFile: e.COACHES_FILE,
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
  };
}

/** A loopback host name or address (also IPv4-mapped IPv6, as sockets report it). */
export function isLoopback(host: string | undefined): boolean {
  if (!host) return false;
  if (host === 'localhost') return true;
  const plain = host.startsWith('::ffff:') ? host.slice(7) : host;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1' || plain === '[::1]';
}
