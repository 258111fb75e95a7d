import type { Planner, ResidentContext } from '../planner/planner.js';
import type { ConversationRecorder, RecordedResident } from './conversationRecorder.js';

function residentOf(context: ResidentContext): RecordedResident {
  return {
    key: context.key,
    channel: context.channel,
    language: context.language,
    ...(context.postcode ? { postcode: context.postcode } : {}),
    ...(context.place ? { place: context.place } : {}),
  };
}

/**
 * The planner, with what it did recorded for the staff pages: slots proposed (the resident
 * asked for a meeting), a meeting booked, moved or cancelled. The planner's answers pass
 * through unchanged; recording never fails a call.
 */
export function recordingPlanner(planner: Planner, recorder: ConversationRecorder): Planner {
  return {
    async propose(resident, preference, count) {
      const result = await planner.propose(resident, preference, count);
      // Asked even when nothing was free: the resident wanted a meeting.
      await recorder.asked(residentOf(resident));
      return result;
    },
    async book(request) {
      const result = await planner.book(request);
      if (result.kind === 'booked')
        await recorder.booked(residentOf(request.resident), result.booking);
      return result;
    },
    async move(current, request) {
      const result = await planner.move(current, request);
      if (result.kind === 'booked')
        await recorder.moved(residentOf(request.resident), result.booking);
      return result;
    },
    async cancel(resident, current) {
      await planner.cancel(resident, current);
      await recorder.cancelled(residentOf(resident));
    },
    find: (current) => planner.find(current),
  };
}
