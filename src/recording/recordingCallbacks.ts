import type { CallbackStore } from '../ports/callbacks.js';
import type { ConversationRecorder } from './conversationRecorder.js';

/** The call-back store, with each stored request noted on the conversation's review. */
export function recordingCallbacks(
  store: CallbackStore,
  recorder: ConversationRecorder,
): CallbackStore {
  return {
    async put(request) {
      await store.put(request);
      await recorder.callback(request);
    },
    list: () => store.list(),
  };
}
