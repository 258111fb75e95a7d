import {
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import {
  Client,
  GraphError,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { parseRetryAfter, type CalendarFailure } from '../calendarRetry.js';

/** How Voordeur signs in to Microsoft Graph: an app registration's secret, or a managed identity. */
export type GraphCredentials =
  | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string }
  /** `clientId` of a user-assigned identity; unset: the system-assigned one. */
  | { kind: 'managedIdentity'; clientId?: string };

/** The credential for {@link GraphCredentials}, from @azure/identity. */
export function graphCredential(credentials: GraphCredentials): TokenCredential {
  return credentials.kind === 'clientSecret'
    ? new ClientSecretCredential(
        credentials.tenantId,
        credentials.clientId,
        credentials.clientSecret,
      )
    : credentials.clientId
      ? new ManagedIdentityCredential({ clientId: credentials.clientId })
      : new ManagedIdentityCredential();
}

/**
 * Adds the app's token to requests for the configured Graph origin, and to nothing else. (The
 * client's own AuthenticationHandler only signs https hosts it knows, so it would not sign a
 * loopback stand-in; this one signs exactly one origin.)
 */
class BearerToken implements Middleware {
  private next: Middleware | undefined;
  constructor(
    private readonly credential: TokenCredential,
    private readonly origin: string,
    private readonly scope: string,
  ) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin === this.origin) {
      const token = await this.credential.getToken(this.scope);
      if (!token) throw new Error('Microsoft Graph: no access token');
      const headers: Record<string, string> = {};
      new Headers(context.options?.headers as HeadersInit | undefined).forEach((value, key) => {
        headers[key] = value;
      });
      headers.authorization = `Bearer ${token.token}`;
      context.options = { ...context.options, headers };
    }
    if (!this.next) throw new Error('BearerToken must not be last');
    await this.next.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * A Graph client without the library's own retry handler: {@link withCalendarRetry} retries
 * instead, with bounds a conversation turn can wait for.
 *
 * @param baseUrl - `https://graph.microsoft.com` (or a national cloud; a loopback stand-in in tests).
 */
export function createGraphClient(credential: TokenCredential, baseUrl: string): Client {
  const origin = new URL(baseUrl).origin;
  const scope = `${origin.startsWith('https://') ? origin : 'https://graph.microsoft.com'}/.default`;
  const auth = new BearerToken(credential, origin, scope);
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${origin}/`,
    defaultVersion: 'v1.0',
  });
}

/** What a failed Graph call was, for the retry loop; `undefined`: not a Graph failure. */
export function classifyGraphError(error: unknown, nowMs: number): CalendarFailure | undefined {
  if (error instanceof GraphError) {
    // -1: no HTTP answer at all (connection refused, reset, timed out).
    const status = error.statusCode > 0 ? error.statusCode : undefined;
    const retryAfterMs = parseRetryAfter(error.headers?.get('retry-after'), nowMs);
    return {
      status,
      reason: status
        ? `status ${status}${error.code ? ` ${error.code}` : ''}`
        : 'connection failed',
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return { status: undefined, reason: 'time-out' };
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    return { status: undefined, reason: 'connection failed' };
  }
  return undefined;
}
