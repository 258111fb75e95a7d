import { MemoryConversationStore } from '../../../src/adapters/memory/memoryConversationStore.js';
import { conversationStoreContract } from '../../ports/conversationStore.contract.js';

conversationStoreContract('MemoryConversationStore', async () => ({
  store: new MemoryConversationStore(),
  cleanup: async () => {},
}));
