import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/**
 * A local stand-in for Microsoft Entra ID, built from its documented wire format (OpenID
 * Connect discovery, the v2.0 authorize and token endpoints, a JWKS, RS256 ID tokens with the
 * `oid`, `tid`, `name` and `roles` claims). Entra cannot run here; this speaks the same
 * protocol so the real openid-client code path is exercised end to end. It checks what Entra
 * checks: the client secret, the redirect URI, and the PKCE verifier against the challenge.
 */
export interface StandInUser {
  oid: string;
  name: string;
  roles?: string[];
}

export interface EntraStandIn {
  /** The issuer / authority: `http://127.0.0.1:<port>/<tenant>/v2.0`. */
  authority: string;
  /** The user who "logs in" at the next authorize request. */
  user: StandInUser;
  /** Sign the next ID token with a key that is not in the JWKS. */
  signWithStrangerKey: boolean;
  /** Put this nonce in the next ID token instead of the one asked for. */
  nonceOverride: string | undefined;
  /** What the token endpoint refused, for assertions. */
  refusals: string[];
  close(): Promise<void>;
}

export async function startEntraStandIn(options: {
  tenant: string;
  clientId: string;
  clientSecret: string;
}): Promise<EntraStandIn> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'stand-in-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<
    string,
    { nonce: string; challenge: string; redirectUri: string; user: StandInUser }
  >();

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', authority);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const base = `/${options.tenant}`;
    if (url.pathname === `${base}/v2.0/.well-known/openid-configuration`) {
      return json(200, {
        issuer: authority,
        authorization_endpoint: `${origin}${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${origin}${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${origin}${base}/oauth2/v2.0/logout`,
        jwks_uri: `${origin}${base}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token'],
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
      });
    }
    if (url.pathname === `${base}/discovery/v2.0/keys`) return json(200, { keys: [jwk] });
    if (url.pathname === `${base}/oauth2/v2.0/authorize`) {
      const p = url.searchParams;
      if (p.get('client_id') !== options.clientId || p.get('code_challenge_method') !== 'S256') {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        nonce: p.get('nonce') ?? '',
        challenge: p.get('code_challenge') ?? '',
        redirectUri: p.get('redirect_uri') ?? '',
        user: standIn.user,
      });
      const back = new URL(p.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === `${base}/oauth2/v2.0/token` && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(body);
          const grant = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const refuse = (why: string) => {
            standIn.refusals.push(why);
            json(400, { error: 'invalid_grant', error_description: why });
          };
          if (!grant) return refuse('unknown code');
          if (form.get('client_secret') !== options.clientSecret) return refuse('client secret');
          if (form.get('redirect_uri') !== grant.redirectUri) return refuse('redirect uri');
          const verifier = form.get('code_verifier') ?? '';
          if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
            return refuse('pkce');
          }
          const key: CryptoKey = standIn.signWithStrangerKey ? stranger.privateKey : privateKey;
          const idToken = await new SignJWT({
            oid: grant.user.oid,
            tid: options.tenant,
            name: grant.user.name,
            preferred_username: `${grant.user.oid}@example.nl`,
            nonce: standIn.nonceOverride ?? grant.nonce,
            ...(grant.user.roles ? { roles: grant.user.roles } : {}),
          })
            .setProtectedHeader({ alg: 'RS256', kid: 'stand-in-1', typ: 'JWT' })
            .setIssuer(authority)
            .setAudience(options.clientId)
            .setSubject(`pairwise-${grant.user.oid}`)
            .setIssuedAt()
            .setExpirationTime('1h')
            .sign(key);
          json(200, {
            token_type: 'Bearer',
            scope: 'openid profile',
            expires_in: 3600,
            access_token: 'opaque',
            id_token: idToken,
          });
        })();
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const origin = `http://127.0.0.1:${address.port}`;
  const authority = `${origin}/${options.tenant}/v2.0`;
  const standIn: EntraStandIn = {
    authority,
    user: { oid: '00000000-0000-0000-0000-000000000001', name: 'Tessa Team', roles: ['Team'] },
    signWithStrangerKey: false,
    nonceOverride: undefined,
    refusals: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}
