import { createPublicKey, type KeyObject } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import * as z from 'zod';
import { isLoopback } from '../../domain/loopback.js';
import { describeError } from '../../http/jsonRoute.js';
import type { Logger } from '../../log.js';

/**
 * The keys that sign Azure Bot Service's tokens, from its OpenID configuration and the JWKS it
 * names. botbuilder's own loader has no time limit and starts one download per waiting request,
 * so a slow or silent endpoint held a socket per forged request for minutes. Here:
 * - each download (configuration, then key set) is cut off after `timeoutMs`;
 * - one download at a time: concurrent requests wait for the same one;
 * - keys are kept for `refreshMs` (24 h) and used beyond that while a refresh fails;
 * - an unknown key id triggers at most one refresh per `unknownKeyRefreshMs`, so tokens with
 *   invented key ids cannot keep the endpoint busy;
 * - after a failed download, requests in the next `retryAfterMs` are told "unavailable" at
 *   once instead of starting another.
 */
export interface SigningKeysOptions {
  /** `ToBotFromChannelOpenIdMetadataUrl`. */
  metadataUrl: string;
  log: Logger;
  /** Per download. Default 5 s. */
  timeoutMs?: number;
  /** Default 24 h, as botbuilder. */
  refreshMs?: number;
  /** Default 5 min. */
  unknownKeyRefreshMs?: number;
  /** Default 10 s. */
  retryAfterMs?: number;
  /** Milliseconds for durations; `performance.now` by default. */
  now?: () => number;
}

export interface SigningKey {
  key: KeyObject;
  /** Channels this key may sign for; empty means any. */
  endorsements: readonly string[];
}

export type KeyLookup =
  { kind: 'found'; key: SigningKey } | { kind: 'unknown' } | { kind: 'unavailable' };

/** The largest configuration or key set read (Microsoft's are a few KiB). */
const MAX_DOCUMENT_BYTES = 256 * 1024;

const configurationSchema = z.object({ jwks_uri: z.string().min(1).max(2048) });
const keySetSchema = z.object({
  keys: z
    .array(
      z.looseObject({
        kid: z.string().min(1).max(256).optional(),
        kty: z.string().optional(),
        n: z.string().max(2048).optional(),
        e: z.string().max(16).optional(),
        endorsements: z.array(z.string().max(64)).max(100).optional(),
      }),
    )
    .max(100),
});

export class SigningKeys {
  private keys: Map<string, SigningKey> | undefined;
  private loadedAt = 0;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private failedAt: number | undefined;
  private loading: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SigningKeysOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** The key with this id; `unavailable` only when no key set could ever be loaded. */
  async lookup(kid: string): Promise<KeyLookup> {
    const { refreshMs = 24 * 3600_000, unknownKeyRefreshMs = 5 * 60_000 } = this.options;
    const now = this.now();
    if (this.keys && now - this.loadedAt < refreshMs) {
      const found = this.keys.get(kid);
      if (found) return { kind: 'found', key: found };
      if (now - this.attemptedAt < unknownKeyRefreshMs) return { kind: 'unknown' };
    } else if (this.inBackoff(now)) {
      return this.find(kid);
    }
    await this.refresh();
    return this.find(kid);
  }

  /** Downloads now (e.g. at start-up), unless a download is under way. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private find(kid: string): KeyLookup {
    if (!this.keys) return { kind: 'unavailable' };
    const found = this.keys.get(kid);
    return found ? { kind: 'found', key: found } : { kind: 'unknown' };
  }

  private inBackoff(now: number): boolean {
    const { retryAfterMs = 10_000 } = this.options;
    return this.failedAt !== undefined && now - this.failedAt < retryAfterMs;
  }

  private async load(): Promise<void> {
    const { metadataUrl, log } = this.options;
    this.attemptedAt = this.now();
    try {
      const configuration = configurationSchema.parse(await this.getJson(metadataUrl));
      const keySet = keySetSchema.parse(await this.getJson(configuration.jwks_uri));
      const keys = new Map<string, SigningKey>();
      for (const jwk of keySet.keys) {
        if (!jwk.kid || jwk.kty !== 'RSA' || !jwk.n || !jwk.e) continue;
        const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
        keys.set(jwk.kid, { key, endorsements: jwk.endorsements ?? [] });
      }
      this.keys = keys;
      this.loadedAt = this.now();
      this.failedAt = undefined;
      log.info({ keys: keys.size }, 'Bot Framework signing keys loaded');
    } catch (error) {
      this.failedAt = this.now();
      log.warn(
        { error: describeError(error), cached: this.keys !== undefined },
        'Bot Framework signing keys could not be loaded',
      );
    }
  }

  /**
   * GET with one deadline for connecting, waiting and reading, and a size cap; https only,
   * except on loopback (tests). node:http rather than fetch: on a deadline the socket is
   * destroyed and nothing reconnects behind our back.
   */
  private getJson(raw: string): Promise<unknown> {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      return Promise.reject(new Error('signing key documents are fetched over https only'));
    }
    const timeoutMs = this.options.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const get = url.protocol === 'https:' ? httpsGet : httpGet;
      const req = get(url, { headers: { accept: 'application/json' }, agent: false }, (res) => {
        if (res.statusCode !== 200) {
          req.destroy();
          reject(new Error(`signing key document answered ${res.statusCode}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_DOCUMENT_BYTES) {
            req.destroy(new Error('signing key document too large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(deadline);
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
          } catch (error) {
            reject(error as Error);
          }
        });
        res.on('error', reject);
      });
      const deadline = setTimeout(
        () => req.destroy(Object.assign(new Error('timed out'), { name: 'TimeoutError' })),
        timeoutMs,
      );
      req.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      req.on('close', () => clearTimeout(deadline));
    });
  }
}
