/**
 * Limits that hold for an activity on every channel (Bot Framework, the local Direct Line,
 * WhatsApp), so no channel is the way around another's.
 */

/**
 * Longest `text` of a resident's message, in UTF-16 code units as JavaScript counts them. Far
 * above anything a person types in a chat (WhatsApp's own limit is 4 096), far below what would
 * cost the dialogs or a summary noticeable time.
 */
export const MAX_TEXT_LENGTH = 10_000;
