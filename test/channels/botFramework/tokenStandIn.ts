import { createSign, generateKeyPairSync, createHmac, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';

/**
 * Stands in for Azure Bot Service's token side, which cannot run here: an OpenID configuration
 * and a JWKS as login.botframework.com publishes them (`jwks_uri`; RSA keys with `kid`, `n`, `e`
 * and `endorsements`), and tokens signed as the channel signs them (RS256, `iss`
 * https://api.botframework.com, `aud` the app id, `serviceurl`).
 */
export interface TokenStandIn {
  metadataUrl: string;
  /** Requests for the configuration and the key set so far. */
  requests: string[];
  /** Signs a token with the published key (or `key`), with these header and claim overrides. */
  token(
    claims?: Record<string, unknown>,
    header?: Record<string, unknown>,
    key?: KeyObject,
  ): string;
  close(): Promise<void>;
}

export const appId = '11111111-2222-3333-4444-555555555555';
export const channelIssuer = 'https://api.botframework.com';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function newRsaKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** A JWT signed with RS256 (or, for `alg: HS256`, an HMAC over `secret`). */
export function signJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: KeyObject,
  secret?: string,
): string {
  const input = `${b64(header)}.${b64(claims)}`;
  if (header['alg'] === 'none') return `${input}.`;
  if (header['alg'] === 'HS256') {
    return `${input}.${createHmac('sha256', secret ?? '')
      .update(input)
      .digest('base64url')}`;
  }
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

export async function startTokenStandIn(
  options: { endorsements?: string[] } = {},
): Promise<TokenStandIn> {
  const { privateKey, publicKey } = newRsaKey();
  const jwk = publicKey.export({ format: 'jwk' });
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: channelIssuer, jwks_uri: `${base}/v1/.well-known/keys` }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(
        JSON.stringify({
          keys: [
            {
              kty: 'RSA',
              use: 'sig',
              kid: 'key-1',
              n: jwk.n,
              e: jwk.e,
              endorsements: options.endorsements ?? ['test', 'webchat', 'msteams'],
            },
          ],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    requests,
    token: (claims = {}, header = {}, key = privateKey) => {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(
        { alg: 'RS256', typ: 'JWT', kid: 'key-1', ...header },
        {
          iss: channelIssuer,
          aud: appId,
          serviceurl: 'https://smba.trafficmanager.net/emea/',
          nbf: now - 60,
          exp: now + 3600,
          ...claims,
        },
        key,
        // For the HS256 confusion attack: the public key as the HMAC secret.
        publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      );
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A metadata endpoint that accepts connections and never answers. */
export async function startSilentEndpoint(): Promise<{
  url: string;
  connections: () => number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: TcpServer = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/v1/.well-known/openidconfiguration`,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
