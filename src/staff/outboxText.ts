import type { OutboxJob } from '../ports/outbox.js';

/** The page's words (Dutch, for the team), kept with the page. */
export const outboxText = {
  nav: 'Agenda',
  title: 'Agenda-opdrachten die niet lukken',
  intro:
    'Voordeur zet afspraken in de agenda van de coach en stuurt herinneringen. Hier staat wat niet lukt. Voordeur blijft het proberen, behalve bij een botsing.',
  none: 'Alles is gelukt. Er staat niets open.',
  meeting: 'Afspraak',
  coach: 'Coach',
  what: 'Wat',
  status: 'Hoe staat het',
  tries: '{count} keer geprobeerd',
  next: 'Volgende poging: {at}',
  kinds: {
    calendarPut: 'In de agenda zetten',
    calendarRemove: 'Uit de agenda halen',
    reminder: 'Herinnering via WhatsApp',
    notice: 'Bericht aan de inwoner',
  } satisfies Record<OutboxJob['kind'], string>,
  outcomes: {
    conflict:
      'Botsing: de coach had op die tijd al iets anders. De inwoner kreeg nieuwe tijden. Bel de inwoner als die niet reageert.',
    bookingKept: 'De afspraak is niet afgezegd, maar stond wel op de lijst om weg te halen.',
    gaveUp: 'Opgegeven na veel pogingen.',
  } as Record<string, string>,
  errors: {
    VD_CALENDAR_UNAVAILABLE: 'De agenda is niet bereikbaar.',
    VD_CALENDAR_REFUSED: 'De agenda weigert. Controleer de instellingen van deze coach.',
  } as Record<string, string>,
};
