import { MemoryCoachDirectory } from '../../../src/adapters/memory/memoryCoaches.js';
import { coachDirectoryContract } from '../../ports/coachDirectory.contract.js';

coachDirectoryContract('MemoryCoachDirectory', async (coaches) => ({
  directory: new MemoryCoachDirectory(coaches),
  cleanup: async () => {},
}));
