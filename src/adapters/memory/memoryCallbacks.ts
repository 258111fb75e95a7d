import type { CallbackRequest, CallbackStore } from '../../ports/callbacks.js';
import { checkDocumentId, oldestFirst } from '../canonical.js';

/** {@link CallbackStore} in process memory: upsert by id, oldest first, deep copies in and out. */
export class MemoryCallbackStore implements CallbackStore {
  private readonly requests = new Map<string, CallbackRequest>();

  async put(request: CallbackRequest): Promise<void> {
    checkDocumentId(request.id);
    this.requests.set(request.id, structuredClone(request));
  }

  async list(): Promise<CallbackRequest[]> {
    return [...this.requests.values()].sort(oldestFirst).map((r) => structuredClone(r));
  }
}
