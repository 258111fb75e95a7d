import type { Container } from '@azure/cosmos';
import type { CallbackWork, CallbackWorkStore, ClaimResult } from '../../ports/callbackWork.js';
import { checkDocumentId } from '../canonical.js';
import {
  checkTtlSeconds,
  queryAll,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';
import { guardedUpdate } from './guardedUpdate.js';

const partition = 'callbackWork';
type WorkDocument = CallbackWork & { pk: typeof partition; ttl: number };
const ownFields = ['pk', 'ttl'] as const;

/**
 * {@link CallbackWorkStore} on Cosmos DB. A claim is a conditional write (create if new,
 * replace if the ETag still matches), so two team members never both hold one request.
 */
export class CosmosCallbackWorkStore implements CallbackWorkStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

  constructor(
    private readonly container: Container,
    opts: { ttlSeconds: number; timeoutMs?: number },
  ) {
    this.ttlSeconds = checkTtlSeconds(opts.ttlSeconds);
    this.call = { timeoutMs: opts.timeoutMs };
  }

  async all(): Promise<Map<string, CallbackWork>> {
    const documents = await queryAll<WorkDocument>(
      this.container,
      'SELECT * FROM c WHERE c.pk = @pk',
      [{ name: '@pk', value: partition }],
      partition,
      this.call,
    );
    return new Map(documents.map((d) => [d.id, withoutDocumentFields<CallbackWork>(d, ownFields)]));
  }

  claim(id: string, by: { id: string; name: string }, at: string): Promise<ClaimResult> {
    return this.change(id, (current) => {
      if (current?.state === 'done') return { holder: current };
      if (current?.state === 'claimed' && current.by !== by.id) return { holder: current };
      return {
        next: {
          id,
          state: 'claimed',
          by: by.id,
          byName: by.name,
          at,
          attempts: current?.attempts ?? 0,
        },
      };
    });
  }

  finish(
    id: string,
    by: { id: string; name: string },
    state: 'done' | 'unreachable',
    at: string,
  ): Promise<ClaimResult> {
    return this.change(id, (current) => {
      if (current?.state === 'done') return { holder: current };
      if (current?.state === 'claimed' && current.by !== by.id) return { holder: current };
      const attempts = (current?.attempts ?? 0) + (state === 'unreachable' ? 1 : 0);
      return { next: { id, state, by: by.id, byName: by.name, at, attempts } };
    });
  }

  private async change(
    id: string,
    decide: (
      current: CallbackWork | undefined,
    ) => { next: CallbackWork } | { holder: CallbackWork },
  ): Promise<ClaimResult> {
    checkDocumentId(id);
    let refused: CallbackWork | undefined;
    const { value } = await guardedUpdate<WorkDocument>(
      this.container,
      id,
      partition,
      (current) => {
        const decision = decide(current && withoutDocumentFields<CallbackWork>(current, ownFields));
        if ('holder' in decision) {
          refused = decision.holder;
          return undefined;
        }
        refused = undefined;
        return { ...decision.next, pk: partition, ttl: this.ttlSeconds };
      },
      this.call,
    );
    if (refused) return { ok: false, holder: refused };
    if (!value) throw new Error('unreachable: a write without a value');
    return { ok: true, work: withoutDocumentFields<CallbackWork>(value, ownFields) };
  }
}
