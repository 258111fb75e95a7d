import { MemoryBookingStore } from '../../../src/adapters/memory/memoryBookings.js';
import { bookingStoreContract } from '../../ports/bookingStore.contract.js';

bookingStoreContract('MemoryBookingStore', async () => ({
  store: new MemoryBookingStore(),
  cleanup: async () => {},
}));
