import type * as z from 'zod';
import { isLoopback } from '../domain/loopback.js';

/** Rules over several settings at once, checked after every single setting is valid. */

export const entraRequired = ['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET'] as const;

/** The staff pages' login: Entra ID all-or-nothing, and the local login only on loopback. */
export function staffLoginProblems(
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
export function calendarProblems(env: {
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
