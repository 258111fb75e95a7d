import { MemoryCalendar } from '../../../src/adapters/memory/memoryCalendar.js';
import { calendarContract } from '../../ports/calendar.contract.js';

calendarContract('MemoryCalendar', async () => {
  const calendar = new MemoryCalendar();
  return {
    calendar,
    event: (coachId, eventId) => calendar.event(coachId, eventId),
    cleanup: async () => {},
  };
});
