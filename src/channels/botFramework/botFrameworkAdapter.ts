import {
  CallerIdConstants,
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../log.js';
import { ChannelTokenVerifier } from './channelToken.js';
import {
  GuardedBotFrameworkAuthentication,
  localDirectLineAddress,
  trustedChannelAddress,
  type ReplyAddressRule,
} from './replyAddresses.js';
import { SigningKeys } from './signingKeys.js';

/** Bot Framework authentication settings; `undefined` for the local, unauthenticated mode. */
export interface BotFrameworkAuth {
  appId: string;
  appPassword: string | undefined;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string | undefined;
  /** `ToBotFromChannelOpenIdMetadataUrl`; Azure's public cloud by default. */
  openIdMetadataUrl?: string | undefined;
  /** `ToBotFromChannelTokenIssuer`; `https://api.botframework.com` by default. */
  tokenIssuer?: string | undefined;
  /** Per download of the OpenID configuration and key set. Default 5 s. */
  keyFetchTimeoutMs?: number;
}

export const defaultOpenIdMetadataUrl =
  'https://login.botframework.com/v1/.well-known/openidconfiguration';
export const defaultTokenIssuer = 'https://api.botframework.com';
/** `ToChannelFromBotOAuthScope`: the audience of the bot's own tokens for its replies. */
export const toChannelFromBotOAuthScope = 'https://api.botframework.com';

/**
 * CloudAdapter whose inbound turns are authenticated by {@link ChannelTokenVerifier} (bounded
 * key downloads, 401/503 answered by the channel route) instead of botbuilder's validator, and
 * whose outbound requests go only where {@link ReplyAddressRule} allows.
 */
export class BotFrameworkTurns extends CloudAdapter {
  constructor(
    private readonly authentication: GuardedBotFrameworkAuthentication,
    private readonly appId: string | undefined,
    /** Verifies tokens; `undefined` in local mode. */
    readonly tokens: ChannelTokenVerifier | undefined,
    /** Where replies may go (checked at the edge and on every outbound request). */
    readonly replyAddress: ReplyAddressRule,
  ) {
    super(authentication);
  }

  /**
   * Runs the bot for an activity the channel route has checked: in local mode as botbuilder
   * does without an app id, otherwise with the claims of the verified token. Returns what
   * CloudAdapter would answer (the replies for `expectReplies`, an invoke's response).
   */
  async runTurn(
    activity: Partial<Activity>,
    verified: Readonly<Record<string, unknown>> | undefined,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (!this.appId || !verified) {
      if (this.appId) throw new Error('an authenticated bot runs verified turns only');
      return this.processActivity('', activity as Activity, logic);
    }
    const claimsIdentity = this.createClaimsIdentity(this.appId);
    if (typeof verified['serviceurl'] === 'string') {
      claimsIdentity.claims.push({ type: 'serviceurl', value: verified['serviceurl'] });
    }
    return this.processActivity(
      {
        audience: toChannelFromBotOAuthScope,
        callerId: CallerIdConstants.PublicAzureChannel,
        claimsIdentity,
        connectorFactory: this.authentication.createConnectorFactory(claimsIdentity),
      },
      activity as Activity,
      logic,
    );
  }
}

export interface BotFrameworkTurnsOptions {
  auth: BotFrameworkAuth | undefined;
  /** This server's base URL (local mode: where the local Direct Line's bot routes are). */
  baseUrl: () => string;
  /** Seconds since the epoch, from the injected clock (token expiry). */
  nowSeconds: () => number;
  log: Logger;
}

/** The adapter for `POST /api/messages` and the local Direct Line, for either mode. */
export function createBotFrameworkTurns(options: BotFrameworkTurnsOptions): BotFrameworkTurns {
  const { auth, log } = options;
  const replyAddress = auth ? trustedChannelAddress : localDirectLineAddress(options.baseUrl);
  const authentication = new GuardedBotFrameworkAuthentication(
    auth
      ? {
          MicrosoftAppId: auth.appId,
          MicrosoftAppPassword: auth.appPassword,
          MicrosoftAppType: auth.appType,
          MicrosoftAppTenantId: auth.tenantId,
        }
      : {},
    replyAddress,
    log,
  );
  const tokens = auth
    ? new ChannelTokenVerifier(
        { appId: auth.appId, issuer: auth.tokenIssuer ?? defaultTokenIssuer },
        new SigningKeys({
          metadataUrl: auth.openIdMetadataUrl ?? defaultOpenIdMetadataUrl,
          timeoutMs: auth.keyFetchTimeoutMs,
          log,
        }),
        options.nowSeconds,
        log,
      )
    : undefined;
  return new BotFrameworkTurns(authentication, auth?.appId, tokens, replyAddress);
}
