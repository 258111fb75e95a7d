import * as oidc from 'openid-client';
import { rolesFromClaim, type StaffRole } from '../../domain/staffRoles.js';

export interface EntraOptions {
  /** Issuer: `https://login.microsoftonline.com/<tenant>/v2.0`. */
  authority: string;
  clientId: string;
  clientSecret: string;
}

/** What the callback must match, kept server-side while the user is at Entra. */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface EntraIdentity {
  /** `oid`: the user's object id in the tenant (stable across apps), else `sub`. */
  id: string;
  name: string;
  roles: StaffRole[];
}

/**
 * Microsoft Entra ID login with OpenID Connect: authorization code flow with PKCE (S256), state
 * and nonce, the ID token's signature checked against the tenant's published keys
 * (openid-client). App roles arrive in the `roles` claim of the ID token.
 */
export class EntraLogin {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly options: EntraOptions) {}

  /** Where to send the browser, and the checks to keep until it comes back. */
  async start(redirectUri: string): Promise<{ url: URL; checks: LoginChecks }> {
    const configuration = await this.discover();
    const checks: LoginChecks = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      response_type: 'code',
      response_mode: 'query',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url, checks };
  }

  /** Redeems the code at the token endpoint and reads who logged in from the checked ID token. */
  async finish(callbackUrl: URL, checks: LoginChecks): Promise<EntraIdentity> {
    const configuration = await this.discover();
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    const id = typeof claims.oid === 'string' ? claims.oid : claims.sub;
    const name =
      typeof claims.name === 'string'
        ? claims.name
        : typeof claims.preferred_username === 'string'
          ? claims.preferred_username
          : id;
    return { id, name: name.slice(0, 100), roles: rolesFromClaim(claims.roles) };
  }

  /**
   * Where to send the browser after Voordeur's own session ended, so the Microsoft sign-in ends
   * too (on a shared computer the next person would otherwise be let in without a password);
   * Entra comes back to `postLogoutRedirectUri`. Undefined when the tenant's metadata names no
   * end-session endpoint or cannot be had: then only Voordeur's session ends.
   */
  async signOutUrl(postLogoutRedirectUri: string): Promise<URL | undefined> {
    try {
      const configuration = await this.discover();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: postLogoutRedirectUri,
      });
    } catch {
      return undefined;
    }
  }

  /** The tenant's metadata, fetched once (again after a failure). */
  private discover(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const authority = new URL(this.options.authority);
      // Plain http is allowed by config only on loopback: the tests' local stand-in.
      // The token endpoint is reached over TLS, which OIDC Core 3.1.3.7 accepts in place of the
      // ID token's signature; the signature is checked against the tenant's keys all the same.
      const execute = [
        oidc.enableNonRepudiationChecks,
        ...(authority.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
      ];
      this.configuration = oidc
        .discovery(
          authority,
          this.options.clientId,
          undefined,
          oidc.ClientSecretPost(this.options.clientSecret),
          {
            execute,
          },
        )
        .catch((error: unknown) => {
          this.configuration = undefined;
          throw error;
        });
    }
    return this.configuration;
  }
}
