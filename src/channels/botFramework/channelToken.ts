import { verify as verifySignature } from 'node:crypto';
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

/** Signing algorithms botbuilder accepts for channel tokens. */
const hashes: Readonly<Record<string, string>> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
};

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
    const [, headerPart = '', payloadPart = '', signaturePart = ''] = match;
    const header = decodeJson(headerPart);
    const payload = decodeJson(payloadPart);
    if (!header || !payload) return refuse('format');
    const hash = typeof header['alg'] === 'string' ? hashes[header['alg']] : undefined;
    if (!hash) return refuse('algorithm');
    const kid = header['kid'];
    if (typeof kid !== 'string' || kid === '' || kid.length > 256) return refuse('keyId');

    // The claims are checked before the signature only to spare a key lookup; all must hold.
    const now = this.nowSeconds();
    const tolerance = this.rules.clockToleranceSeconds ?? 300;
    if (payload['iss'] !== this.rules.issuer) return refuse('issuer');
    const audience = payload['aud'];
    const audiences = Array.isArray(audience) ? audience : [audience];
    if (!audiences.includes(this.rules.appId)) return refuse('audience');
    const exp = payload['exp'];
    if (typeof exp !== 'number' || exp + tolerance <= now) return refuse('expired');
    const nbf = payload['nbf'];
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf - tolerance > now)) {
      return refuse('notYetValid');
    }
    if (payload['serviceurl'] !== activity.serviceUrl) return refuse('serviceUrl');

    const lookup = await this.keys.lookup(kid);
    if (lookup.kind === 'unavailable') {
      return {
        ok: false,
        status: 503,
        reason: 'the token cannot be verified now; try again later',
      };
    }
    if (lookup.kind === 'unknown') return refuse('unknownKey');
    const signed = Buffer.from(`${headerPart}.${payloadPart}`);
    const signature = Buffer.from(signaturePart, 'base64url');
    if (!signatureHolds(hash, signed, lookup.key, signature)) return refuse('signature');
    const { endorsements } = lookup.key;
    if (endorsements.length > 0 && !endorsements.includes(activity.channelId)) {
      return refuse('endorsement');
    }
    return { ok: true, claims: payload };
  }
}

function signatureHolds(hash: string, signed: Buffer, key: SigningKey, signature: Buffer): boolean {
  try {
    return verifySignature(hash, signed, key.key, signature);
  } catch {
    return false; // e.g. a signature of the wrong length for the key
  }
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
