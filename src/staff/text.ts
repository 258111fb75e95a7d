import { DateTime } from 'luxon';
import type { MeetingForm } from '../domain/coach.js';
import type { ReviewStatus, StepCode } from '../domain/conversationReview.js';
import type { FunnelStage } from '../domain/funnel.js';
import type { MeetingOutcome } from '../domain/meetingOutcome.js';
import type { StaffRole } from '../domain/staffRoles.js';
import type { CallbackState } from '../ports/callbackWork.js';
import type { AuditAction } from '../ports/auditLog.js';

/**
 * The staff pages' words. The team works in Dutch, so these are Dutch only, kept apart from
 * the residents' locale files (which every resident language must translate). Plain words,
 * short sentences: staff read these pages between calls, often on a phone.
 */
export const text = {
  product: 'Voordeur',
  skipToContent: 'Naar de inhoud',
  menu: 'Menu',
  logout: 'Uitloggen',
  localBanner:
    'Lokale inlog zonder wachtwoord. Alleen voor ontwikkelen en testen op deze computer.',
  nav: {
    meetings: 'Mijn afspraken',
    callbacks: 'Terugbellen',
    reviews: 'Gesprekken',
    funnel: 'Cijfers',
    audit: 'Logboek',
    admin: 'Beheer',
    erase: 'Gegevens wissen',
  },
  login: {
    title: 'Inloggen',
    intro: 'Log in met uw werkaccount van de gemeente.',
    entra: 'Inloggen met Microsoft',
    noLogin: 'Inloggen is nog niet ingesteld. Vraag de beheerder om Entra ID in te stellen.',
    localTitle: 'Lokaal inloggen',
    name: 'Uw naam',
    role: 'Rol',
    coach: 'Coach (alleen voor de rol Coach)',
    noCoach: 'Geen coach',
    submit: 'Inloggen',
    failed: 'Inloggen is niet gelukt. Probeer het opnieuw.',
    noRole:
      'U bent ingelogd, maar u hebt nog geen rol voor deze pagina’s. Vraag de beheerder om u de rol Coach, Team of Lead te geven.',
    localOnly: 'Lokaal inloggen kan alleen op deze computer.',
    signedOut: 'U bent uitgelogd.',
    signOutMicrosoft: 'Ook uitloggen bij Microsoft',
    signOutMicrosoftWhy:
      'Werkt u op een computer die u met anderen deelt? Log dan ook uit bij Microsoft. Anders kan de volgende gebruiker zonder wachtwoord inloggen.',
  },
  roles: { coach: 'Coach', team: 'Team', lead: 'Teamleider' } satisfies Record<StaffRole, string>,
  meetings: {
    title: 'Mijn afspraken',
    notLinked:
      'Uw inlog is nog niet gekoppeld aan een coach. Vraag uw teamleider om dat te doen op de pagina Beheer.',
    toFill: 'Nog invullen',
    toFillHint: 'Afspraken die al geweest zijn. Vul in hoe het ging.',
    today: 'Vandaag',
    thisWeek: 'Later deze week',
    later: 'Daarna',
    none: 'Geen afspraken.',
    summary: 'Overzicht',
    wishes: 'Wil graag',
    doesAlready: 'Doet al',
    wouldHelp: 'Wat zou helpen',
    residence: 'Woont in',
    how: 'Hoe',
    where: 'Waar',
    language: 'Taal',
    phone: 'Telefoon',
    preferredTimes: 'Wanneer het goed uitkomt',
    channel: 'Via',
    intent: 'Komt voor',
    notGiven: 'niet verteld',
    outcomeLegend: 'Hoe ging het?',
    note: 'Korte notitie voor het team',
    noteHint: 'Geen medische of andere gevoelige gegevens. Hooguit 500 tekens.',
    save: 'Opslaan',
    saved: 'Opgeslagen.',
    currentOutcome: 'Ingevuld',
  },
  outcomes: { held: 'Gesprek gehouden', noShow: 'Niet gekomen', moved: 'Verzet' } satisfies Record<
    MeetingOutcome,
    string
  >,
  intents: { work: 'werk', meaningful: 'iets zinvols doen', talk: 'iemand spreken' },
  forms: {
    location: 'op locatie',
    walk: 'wandelen',
    phone: 'telefoon',
    video: 'video',
  } satisfies Record<MeetingForm, string>,
  callbacks: {
    title: 'Terugbellen',
    intro: 'Inwoners die gebeld willen worden. Pak er een op, bel, en zet hem op klaar.',
    none: 'Niemand wacht op een telefoontje.',
    requested: 'Gevraagd op',
    when: 'Liefst',
    anyTime: 'geen voorkeur',
    language: 'Taal',
    phone: 'Telefoon',
    consent: 'Toestemming voor nummer',
    state: 'Stand',
    attempts: 'Niet bereikt',
    claim: 'Oppakken',
    done: 'Gebeld, klaar',
    unreachable: 'Niet bereikt',
    claimedBy: 'Opgepakt door {name}',
    taken: 'Iemand anders heeft dit verzoek al opgepakt.',
    open: 'Wacht',
  },
  callbackStates: {
    claimed: 'Opgepakt',
    unreachable: 'Niet bereikt, opnieuw proberen',
    done: 'Klaar',
  } satisfies Record<CallbackState, string>,
  reviews: {
    title: 'Gesprekken',
    filter: 'Filter',
    week: 'Week',
    status: 'Stand',
    coach: 'Coach',
    channel: 'Kanaal',
    language: 'Taal',
    all: 'Alle',
    apply: 'Toon',
    export: 'Download als CSV',
    started: 'Begonnen',
    steps: 'Stappen',
    open: 'Bekijk',
    none: 'Geen gesprekken in deze week met dit filter.',
    next: 'Volgende pagina',
    first: 'Eerste pagina',
    count: '{count} op deze pagina',
    detail: 'Gesprek',
    privacy:
      'U ziet geen tekst van de inwoner. De inwoner gaf die tekst alleen voor de coach. Telefoonnummers staan alleen bij Terugbellen.',
    lastActive: 'Laatst actief',
    booking: 'Afspraak',
    callbackAsked: 'Terugbelverzoek',
    yes: 'ja',
    no: 'nee',
  },
  statuses: {
    booked: 'Afspraak gemaakt',
    callback: 'Terugbellen',
    question: 'Alleen een vraag',
    dropped: 'Gestopt voor afspraak',
    open: 'Nog bezig',
    cancelled: 'Afspraak afgezegd',
  } satisfies Record<ReviewStatus, string>,
  steps: {
    greeted: 'Begroet',
    menu: 'Keuzemenu',
    question: 'Vraag gesteld',
    planning: 'Afspraak plannen',
    offered: 'Tijden aangeboden',
    booked: 'Afspraak gemaakt',
    moving: 'Afspraak verzetten',
    moved: 'Afspraak verzet',
    cancelling: 'Afspraak afzeggen',
    cancelled: 'Afspraak afgezegd',
    callbackAsked: 'Vraagt om terugbellen',
    callbackStored: 'Terugbelverzoek gemaakt',
  } satisfies Record<StepCode, string>,
  funnel: {
    title: 'Cijfers per week',
    intro: 'Hoeveel inwoners kwamen binnen, vroegen om een afspraak, en kwamen ook echt.',
    previous: 'Vorige week',
    next: 'Volgende week',
    total: 'Alle kanalen en talen',
    byChannel: 'Per kanaal',
    byLanguage: 'Per taal',
    tableCaption: 'De cijfers van week {week}',
    group: 'Groep',
    chartLabel: 'Staafdiagram van week {week}',
    anonymous: 'Deze cijfers zijn tellingen. Ze zeggen niets over één inwoner.',
  },
  stages: {
    contact: 'Contact',
    asked: 'Vroeg om afspraak',
    booked: 'Afspraak gemaakt',
    held: 'Gesprek gehouden',
    noShow: 'Niet gekomen',
  } satisfies Record<FunnelStage, string>,
  audit: {
    title: 'Logboek',
    intro: 'Wie welke gegevens van inwoners bekeek of gebruikte. Dit logboek kan niemand wijzigen.',
    own: 'U ziet uw eigen regels.',
    month: 'Maand',
    at: 'Wanneer',
    who: 'Wie',
    what: 'Wat',
    about: 'Waarover',
    none: 'Nog niets in deze maand.',
  },
  erase: {
    title: 'Gegevens van een inwoner wissen',
    intro:
      'Vraagt een inwoner per telefoon of brief om zijn gegevens te wissen? Vul het telefoonnummer in dat hij aan ons gaf. Dan wissen we alles over die inwoner, net als in de chat:',
    what: [
      'de afspraak met de coach: die gaat niet door, de coach krijgt bericht en de tijd komt vrij;',
      'het verzoek om terug te bellen, en wie het had opgepakt;',
      'het gesprek in de chat, de samenvatting voor het team en de notities bij de afspraak;',
      'WhatsApp: het nummer en de berichten (een afmelding met STOP blijft bewaard).',
    ],
    phone: 'Telefoonnummer van de inwoner',
    confirm: 'Ik heb gecontroleerd dat de inwoner dit zelf vraagt.',
    submit: 'Alles wissen',
    erased: (count: number) =>
      count === 1
        ? 'Gewist: 1 gesprek met alles wat erbij hoort.'
        : `Gewist: ${count} gesprekken met alles wat erbij hoort.`,
    notFound: 'Met dit nummer bewaren we niets. Er is niets gewist.',
    invalid: 'Vul een geldig telefoonnummer in en vink aan dat u het hebt gecontroleerd.',
    noNumber:
      'Gaf de inwoner ons geen nummer? Dan bewaren we niets dat naar hem leidt. Het gesprek in de chat wordt vanzelf gewist na de bewaartermijn.',
  },
  auditActions: {
    login: 'Ingelogd',
    logout: 'Uitgelogd',
    viewMeetings: 'Eigen afspraken bekeken',
    recordOutcome: 'Afloop van afspraak ingevuld',
    viewCallbacks: 'Terugbellijst bekeken',
    claimCallback: 'Terugbelverzoek opgepakt',
    finishCallback: 'Terugbelverzoek afgerond',
    openSummary: 'Gesprek bekeken',
    export: 'Gesprekken gedownload',
    linkCoach: 'Inlog aan coach gekoppeld',
    eraseResident: 'Gegevens van een inwoner gewist',
  } satisfies Record<AuditAction, string>,
  admin: {
    title: 'Beheer',
    intro:
      'Rollen geeft u in Microsoft Entra ID. Hier koppelt u een inlog met de rol Coach aan een coach.',
    name: 'Naam',
    roles: 'Rollen',
    coach: 'Coach',
    lastLogin: 'Laatst ingelogd',
    link: 'Koppel',
    none: 'Nog niemand ingelogd.',
    saved: 'Koppeling opgeslagen.',
  },
  errors: {
    badRequest: 'Dit verzoek klopt niet.',
    forbidden: 'U mag deze pagina niet zien.',
    notFound: 'Deze pagina bestaat niet.',
    csrf: 'Het formulier is verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
    unavailable: 'Dit lukt nu even niet. Probeer het over een paar minuten opnieuw.',
    back: 'Terug naar het begin',
  },
} as const;

/** `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

const zone = 'Europe/Amsterdam';

/** "donderdag 3 december, 13:30" in Amsterdam. */
export function dayAndTime(iso: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale('nl').toFormat("cccc d LLLL', 'HH:mm");
}

/** "13:30". */
export function timeOfDay(iso: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('HH:mm');
}

/** "3 dec 13:30". */
export function shortDateTime(iso: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale('nl').toFormat('d LLL HH:mm');
}

/** Language names the team knows, for codes the residents use. */
export const languageNames: Record<string, string> = {
  nl: 'Nederlands',
  en: 'Engels',
  ar: 'Arabisch',
  tr: 'Turks',
  pl: 'Pools',
  uk: 'Oekraïens',
};

export const channelNames: Record<string, string> = {
  webchat: 'Webchat',
  directline: 'Webchat',
  whatsapp: 'WhatsApp',
};

export function languageName(code: string): string {
  return languageNames[code] ?? code;
}

export function channelName(code: string): string {
  return channelNames[code] ?? code;
}
