import type { Container } from '@azure/cosmos';
import type { Booking } from '../../ports/bookings.js';
import type { CallbackRequest } from '../../ports/callbacks.js';
import type { ResidentLookup } from '../../ports/residentData.js';
import { CALLBACK_PARTITION } from './cosmosCallbacks.js';
import { queryAll, withoutDocumentFields, type CosmosCallOptions } from './cosmosOps.js';

const noCall: CosmosCallOptions = {};
const ownFields = ['pk', 'ttl'] as const;

/**
 * {@link ResidentLookup} on Cosmos DB: cross-partition queries on `residentKey` (bookings) and
 * one-partition ones (call-backs). Rare (a resident's request), so no index of its own.
 */
export class CosmosResidentLookup implements ResidentLookup {
  constructor(private readonly containers: { bookings: Container; callbacks: Container }) {}

  async bookingsOf(key: string): Promise<Booking[]> {
    const documents = await queryAll<object>(
      this.containers.bookings,
      "SELECT * FROM c WHERE c.residentKey = @key AND c.id != 'schedule'",
      [{ name: '@key', value: key }],
      undefined,
      noCall,
    );
    return documents.map((document) => withoutDocumentFields<Booking>(document, ownFields));
  }

  async callbacksOf(key: string): Promise<CallbackRequest[]> {
    const documents = await queryAll<object>(
      this.containers.callbacks,
      'SELECT * FROM c WHERE c.pk = @pk AND c.residentKey = @key',
      [
        { name: '@pk', value: CALLBACK_PARTITION },
        { name: '@key', value: key },
      ],
      CALLBACK_PARTITION,
      noCall,
    );
    return documents.map((document) => withoutDocumentFields<CallbackRequest>(document, ownFields));
  }

  async keysByPhone(phone: string): Promise<string[]> {
    const parameters = [{ name: '@phone', value: phone }];
    const [booked, called] = await Promise.all([
      queryAll<{ residentKey: string }>(
        this.containers.bookings,
        'SELECT c.residentKey FROM c WHERE c.summary.phone = @phone',
        parameters,
        undefined,
        noCall,
      ),
      queryAll<{ residentKey: string }>(
        this.containers.callbacks,
        'SELECT c.residentKey FROM c WHERE c.pk = @pk AND c.phone = @phone',
        [...parameters, { name: '@pk', value: CALLBACK_PARTITION }],
        CALLBACK_PARTITION,
        noCall,
      ),
    ]);
    return [...new Set([...booked, ...called].map((row) => row.residentKey))];
  }
}
