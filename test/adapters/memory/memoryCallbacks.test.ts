import { MemoryCallbackStore } from '../../../src/adapters/memory/memoryCallbacks.js';
import { callbackStoreContract } from '../../ports/callbackStore.contract.js';

callbackStoreContract('MemoryCallbackStore', async () => ({
  store: new MemoryCallbackStore(),
  cleanup: async () => {},
}));
