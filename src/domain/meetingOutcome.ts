/**
 * What the coach says happened to a first meeting. `moved` means the coach and resident agreed
 * another time outside Voordeur; the meeting is then neither held nor missed yet.
 */
export const meetingOutcomes = ['held', 'noShow', 'moved'] as const;
export type MeetingOutcome = (typeof meetingOutcomes)[number];

/** A coach's note for the team is short: a line or two, not a file. */
export const maxNoteLength = 500;
