import type { Container } from '@azure/cosmos';
import { VoordeurError } from '../../errors.js';
import { callCosmos, readDocument, type CosmosCallOptions } from './cosmosOps.js';
import { statusOf } from './retry.js';

/** Rounds of read–change–write before a document that keeps changing is given up on. */
const maxRounds = 8;

/**
 * Read–change–write of one document, guarded by its ETag (create: by its id being new), run
 * again on the fresh document when another writer came first. `change` returns the document to
 * write, or `undefined` to leave it as it is; it must be a pure function of what it is given.
 */
export async function guardedUpdate<T extends { id: string }>(
  container: Container,
  id: string,
  partitionKey: string,
  change: (current: T | undefined) => T | undefined,
  call: CosmosCallOptions,
): Promise<{ value: T | undefined; written: boolean; created?: boolean; etag?: string }> {
  for (let round = 1; round <= maxRounds; round++) {
    const found = await readDocument<T>(container, id, partitionKey, call);
    const next = change(found?.resource);
    if (next === undefined) return { value: found?.resource, written: false, etag: found?.etag };
    try {
      if (found) {
        const replaced = await callCosmos(
          (options) =>
            container.item(id, partitionKey).replace(next, {
              ...options,
              accessCondition: { type: 'IfMatch', condition: found.etag },
            }),
          call,
          container,
        );
        return { value: next, written: true, created: false, etag: replaced.etag };
      }
      const created = await callCosmos(
        (options) => container.items.create(next, options),
        call,
        container,
      );
      return { value: next, written: true, created: true, etag: created.etag };
    } catch (error) {
      const status = statusOf(error);
      if (status !== 412 && status !== 409) throw error;
    }
  }
  throw new VoordeurError('VD_STATE_CONFLICT', `document ${id} keeps changing`);
}
