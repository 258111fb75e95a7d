import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from '../../log.js';

/**
 * Where the bot may send replies. CloudAdapter posts them to the `serviceUrl` the activity names,
 * so without a check a caller chooses where the bot sends (and, with `..` as a conversation id,
 * which path): a request forger. Two rules:
 * - local mode (no MicrosoftAppId): only this server's own local Direct Line;
 * - authenticated: only Azure Bot Service's channel addresses (the token's `serviceurl` claim
 *   must also name the activity's `serviceUrl`; see channelToken.ts).
 *
 * The rule is checked twice: at the edge, so a caller gets 400 with a reason, and on every
 * outbound connector request, so nothing (a proactive message, an update) gets around it.
 */
export type ReplyAddressRule = (url: URL) => boolean;

/** Hosts of Azure Bot Service channels (public cloud, US government, Teams). */
export const trustedChannelHosts: readonly RegExp[] = [
  /^([a-z0-9-]+\.)*botframework\.com$/,
  /^([a-z0-9-]+\.)*botframework\.azure\.us$/,
  /^smba\.trafficmanager\.net$/,
  /^smba\.infra\.(gcc|gov)\.teams\.microsoft\.(com|us)$/,
];

/** Authenticated mode: https to one of {@link trustedChannelHosts}. */
export const trustedChannelAddress: ReplyAddressRule = (url) =>
  url.protocol === 'https:' && trustedChannelHosts.some((host) => host.test(url.hostname));

/** Local mode: the origin of this server (where the local Direct Line's bot routes are). */
export function localDirectLineAddress(baseUrl: () => string): ReplyAddressRule {
  return (url) => {
    try {
      return url.origin === new URL(baseUrl()).origin;
    } catch {
      return false;
    }
  };
}

/** A `serviceUrl` as a URL, or `undefined` when it is not an absolute http(s) URL. */
export function parseServiceUrl(serviceUrl: string): URL | undefined {
  try {
    const url = new URL(serviceUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Thrown instead of sending a request to an address the rule does not allow. */
export class ReplyAddressRefused extends Error {
  constructor() {
    super('the reply address is not allowed');
    this.name = 'ReplyAddressRefused';
  }
}

type ConnectorFactory = ReturnType<
  ConfigurationBotFrameworkAuthentication['createConnectorFactory']
>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type Credentials = ConnectorClient['credentials'];

type ClaimsIdentity = Parameters<
  ConfigurationBotFrameworkAuthentication['createConnectorFactory']
>[0];
type UserTokenClient = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>
>;

/** Connector clients kept (per app id, service URL and audience); the oldest go first. */
const maxConnectorClients = 64;

/**
 * Bot Framework authentication whose connector clients refuse every request to an address
 * `allowed` does not accept, or with a dot segment in its path (`/v3/conversations/../x`),
 * before it leaves. The check sits where every connector request passes: the credentials'
 * `signRequest`, which the client calls for each request just before sending it (botbuilder
 * replaces any request policy passed in its options, so a policy cannot be added there).
 *
 * CloudAdapter asks for a new connector client (and a user token client) on every turn, and
 * each builds a whole HTTP pipeline: a tenth of a turn's CPU. A client holds no per-turn
 * state (its credentials fetch and cache tokens per request), so one is kept per app id,
 * service URL and audience, and one user token client per app id, and reused.
 */
export class GuardedBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(
    configuration: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    private readonly allowed: ReplyAddressRule,
    private readonly guardLog: Logger,
  ) {
    super(configuration);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.guard(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    const result = await super.authenticateRequest(...args);
    return result.connectorFactory
      ? {
          ...result,
          connectorFactory: this.guard(result.connectorFactory, appIdOf(result.claimsIdentity)),
        }
      : result;
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity) ?? '';
    return remembered(this.userTokenClients, key, () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }

  private guard(inner: ConnectorFactory, appId: string | undefined): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        remembered(
          this.connectorClients,
          JSON.stringify([appId ?? null, serviceUrl, audience ?? null]),
          async () => {
            const client = await inner.create(serviceUrl, audience);
            client.credentials = guardedCredentials(
              client.credentials,
              this.allowed,
              this.guardLog,
            );
            return client;
          },
        ),
    };
  }
}

/**
 * The app id botbuilder builds clients for (its `getAppId`): the token's audience (`aud`),
 * else its `appid` claim.
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string | undefined {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? undefined;
}

/**
 * The value kept under `key`, else a new one from `make` (kept unless it fails). Least recently
 * used first, at most {@link maxConnectorClients} entries: in local mode an `expectReplies`
 * activity may name any service URL.
 */
function remembered<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>) {
  let value = cache.get(key);
  if (value) {
    cache.delete(key);
  } else {
    value = make();
    const made = value;
    made.catch(() => {
      if (cache.get(key) === made) cache.delete(key);
    });
  }
  cache.set(key, value);
  if (cache.size > maxConnectorClients) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return value;
}

/**
 * Credentials that check the address, then sign as `inner` does. A new object per client that
 * inherits from `inner` (its app id and token cache stay shared): botbuilder shares one
 * credentials object between clients, so changing it in place would leak one rule into another.
 */
function guardedCredentials(
  inner: Credentials,
  allowed: ReplyAddressRule,
  log: Logger,
): Credentials {
  const wrapper = Object.create(inner) as Credentials;
  wrapper.signRequest = async (webResource) => {
    if (!isAllowedRequest(webResource.url, allowed)) {
      log.warn({ reason: 'replyAddress' }, 'an outbound Bot Framework request was refused');
      throw new ReplyAddressRefused();
    }
    return inner.signRequest(webResource);
  };
  return wrapper;
}

/** Whether `raw` is allowed and its path has no `.` or `..` segment (also percent-encoded). */
export function isAllowedRequest(raw: string, allowed: ReplyAddressRule): boolean {
  const url = parseServiceUrl(raw);
  if (!url) return false;
  const path = raw.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
  const dotSegment = path.split('/').some((segment) => {
    const decoded = segment.replace(/%2e/gi, '.');
    return decoded === '.' || decoded === '..';
  });
  return !dotSegment && allowed(url);
}
