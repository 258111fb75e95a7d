import { MemoryBookingStore } from '../../../src/adapters/memory/memoryBookings.js';
import { bookingStoreContract, contractNow } from '../../ports/bookingStore.contract.js';
import { fixedClock } from '../../clocks.js';

bookingStoreContract('MemoryBookingStore', async () => ({
  store: new MemoryBookingStore({ clock: fixedClock(contractNow) }),
  cleanup: async () => {},
}));
