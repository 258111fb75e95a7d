/**
 * How long the web chat page keeps the resident's conversation in their browser after their
 * last message, so a reload or a visit a few days later goes on where they left off (and "afspraak
 * verzetten" finds their meeting). Long enough to come back about a first meeting planned within
 * two weeks or so; short enough for a shared computer, where the page's "Nieuw gesprek" button
 * forgets it at once. The page states it; the local Direct Line lets a token be refreshed as long.
 */
export const webChatRememberDays = 14;
