import { decodeJwt, errors, jwtVerify } from 'jose';
import type { Logger } from '../../log.js';
import type { SigningKey, SigningKeys } from './signingKeys.js';

/**
 * Checks the token Azure Bot Service sends with each activity (`Authorization: Bearer <JWT>`),
 * as botbuilder's ChannelValidation does, but with a bounded key source (signingKeys.ts) and a
 * plain answer: 401 for every token that cannot be verified, 503 only when no signing keys
 * could be loaded at all. The refusal says nothing about which check failed; the log does.
 */
export interface ChannelTokenRules {
  /** MicrosoftAppId: the token's audience. */
  appId: string;
  /** `ToBotFromChannelTokenIssuer`, `https://api.botframework.com` in the public cloud. */
  issuer: string;
  /** Allowed difference between clocks, as botbuilder: 5 minutes. */
  clockToleranceSeconds?: number;
}

export type TokenVerdict =
  | { ok: true; claims: Readonly<Record<string, unknown>> }
  | { ok: false; status: 401 | 503; reason: string };

/** Signing algorithms botbuilder accepts for channel tokens; `none` and HMAC never pass. */
const algorithms = ['RS256', 'RS384', 'RS512'];

/** Shape of `Bearer <header>.<payload>.<signature>` in base64url; bounded so parsing is cheap. */
const bearer =
  /^Bearer ([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{1,16384})\.([A-Za-z0-9_-]{1,4096})$/;

/** Whether an Authorization header carries a bearer token at all (checked before reading the body). */
export function looksLikeBearer(authorization: string | undefined): boolean {
  return authorization !== undefined && /^Bearer \S+$/.test(authorization);
}

const unverified: TokenVerdict = {
  ok: false,
  status: 401,
  reason: 'the token could not be verified',
};

export class ChannelTokenVerifier {
  constructor(
    private readonly rules: ChannelTokenRules,
    private readonly keys: SigningKeys,
    /** Seconds since the epoch, from the injected clock. */
    private readonly nowSeconds: () => number,
    private readonly log: Logger,
  ) {}

  async verify(
    authorization: string | undefined,
    activity: { channelId: string; serviceUrl: string },
  ): Promise<TokenVerdict> {
    const refuse = (check: string): TokenVerdict => {
      this.log.warn({ check }, 'Bot Framework token refused');
      return unverified;
    };
    const match = authorization === undefined ? null : bearer.exec(authorization);
    if (!match) return refuse('format');
    const token = `${match[1]}.${match[2]}.${match[3]}`;

    // Cheap claims first, unverified, only to spare a key lookup for tokens that cannot pass;
    // jose checks them all again, with the signature.
    let claims: Record<string, unknown>;
    try {
      claims = decodeJwt(token);
    } catch {
      return refuse('format');
    }
    if (claims['iss'] !== this.rules.issuer) return refuse('issuer');
    const audiences = Array.isArray(claims['aud']) ? claims['aud'] : [claims['aud']];
    if (!audiences.includes(this.rules.appId)) return refuse('audience');

    let signedBy: SigningKey | undefined;
    let keysUnavailable = false;
    try {
      const { payload } = await jwtVerify(
        token,
        async ({ kid }) => {
          if (typeof kid !== 'string' || kid === '' || kid.length > 256) {
            throw new TokenRefused('keyId');
          }
          const lookup = await this.keys.lookup(kid);
          if (lookup.kind === 'unavailable') {
            keysUnavailable = true;
            throw new TokenRefused('keysUnavailable');
          }
          if (lookup.kind === 'unknown') throw new TokenRefused('unknownKey');
          signedBy = lookup.key;
          return lookup.key.key;
        },
        {
          algorithms,
          issuer: this.rules.issuer,
          audience: this.rules.appId,
          requiredClaims: ['exp'],
          clockTolerance: this.rules.clockToleranceSeconds ?? 300,
          currentDate: new Date(this.nowSeconds() * 1000),
        },
      );
      if (payload['serviceurl'] !== activity.serviceUrl) return refuse('serviceUrl');
      const endorsements = signedBy?.endorsements ?? [];
      if (endorsements.length > 0 && !endorsements.includes(activity.channelId)) {
        return refuse('endorsement');
      }
      return { ok: true, claims: payload };
    } catch (error) {
      if (keysUnavailable) {
        return {
          ok: false,
          status: 503,
          reason: 'the token cannot be verified now; try again later',
        };
      }
      if (error instanceof TokenRefused) return refuse(error.check);
      return refuse(error instanceof errors.JOSEError ? error.code : 'token');
    }
  }
}

/** A refusal decided while resolving the signing key. */
class TokenRefused extends Error {
  constructor(readonly check: string) {
    super(check);
  }
}
