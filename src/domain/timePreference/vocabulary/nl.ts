import {
  byMeaning,
  compoundWords,
  counting,
  numbers,
  weekdayNames,
  type Vocabulary,
} from '../vocabulary.js';

const days = 'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag';

/** Dutch words for when a meeting suits. */
export const dutch: Vocabulary = {
  weekdays: weekdayNames(days),
  weekdayAbbreviations: weekdayNames('ma di wo do vr za'),
  ordinalSuffixes: 'ste de e',
  abbreviationsWithDot: 'jan feb mrt apr jun jul aug sep sept okt nov dec ma di wo do vr za',
  dayParts: byMeaning({
    morning: 'ochtend ochtenden ochtends morgens voormiddag voormiddags',
    afternoon: 'middag middagen middags namiddag namiddags',
    evening: 'avond avonden avonds',
  }),
  meridiemAdverbs: byMeaning({
    am: 'ochtends morgens voormiddags',
    pm: 'middags namiddags avonds',
  }),
  meridiemWords: {},
  meridiemPrefixes: 's',
  relativeDays: numbers('vandaag=0 morgen=1 overmorgen=2 gisteren=-1 eergisteren=-2'),
  months: numbers(`
    januari=1 jan=1 februari=2 feb=2 maart=3 mrt=3 april=4 apr=4 mei=5 juni=6 jun=6 juli=7 jul=7
    augustus=8 aug=8 september=9 sep=9 sept=9 oktober=10 okt=10 november=11 nov=11
    december=12 dec=12
  `),
  monthsNeedingIn: 'jan',
  numberWords: counting('een twee drie vier vijf zes zeven acht negen tien elf twaalf'),
  countOnlyWords: {},
  minuteWords: numbers('vijf=5 tien=10 kwart=15 twintig=20'),
  minuteRelations: {
    over: { sign: 1, digits: true, half: 'half' },
    voor: { sign: -1, digits: true, half: 'half' },
  },
  halfHours: [{ words: 'half', offset: -30 }],
  noonWords: 'middaguur',
  hourSuffixes: 'uur u h',
  articles: 'de',
  inWords: 'in',
  ofWords: 'van',
  rangeConnectors: 'tot',
  betweenConnectors: 'en',
  conjunctions: { of: 'or', en: 'and' },
  negations: `nee niet geen nooit weg afwezig behalve uitgezonderd zonder lastig moeilijk slecht bezet druk werk werken
    uitgezonderd`,
  clauseWords: 'maar wel liever liefst',
  fillers: `ik je jij u we wij mij me mijn het de een is zijn ben bent kan kun kunt kunnen zou zouden
    wil wilt willen graag heel erg op in ook alleen goed prima fijn handig uit komt past passen
    schikt gaat lukt werkt heb hebt heeft hebben dat dit ja oke ok okay okee hoor hallo hoi
    alstublieft alsjeblieft aub ajb svp dank bedankt dankjewel dankuwel misschien eventueel
    mogelijk elke iedere ieder elk als s toch dus daarna dan want omdat even pas
    wanneer`,
  prepositions: {
    point: 'om, rond, rondom, omstreeks, tegen, ongeveer, circa',
    after: 'na, pas na, later dan',
    from: 'vanaf, van, pas vanaf, niet eerder dan',
    before: 'voor, eerder dan',
    until: 'tot, uiterlijk, tot uiterlijk, tot en met, niet later dan',
    between: 'tussen',
  },
  phrases: {
    // "om 3 uur moet ik de kinderen halen": the meeting is over by 3.
    busy: 'moet, moeten',
    anything: `maakt niet uit, maakt me niet uit, maakt mij niet uit, maakt niks uit,
      maakt niets uit, maakt me niks uit, maakt mij niks uit, om het even, geen voorkeur,
      wanneer dan ook, wanneer u wilt, wanneer jullie willen, wanneer het uitkomt,
      zo snel mogelijk, zo vroeg mogelijk, zsm, altijd, alles, elke dag, iedere dag,
      elk moment, ieder moment, flexibel`,
    nothing: 'de hele dag, hele dag, heel de dag, voor mij, voor me',
    negation: 'liever niet, liefst niet, bij voorkeur niet, met uitzondering van',
    clauseBreak: 'bij voorkeur, het liefst',
    morning: 'in de ochtend, in de morgen, in de voormiddag',
    afternoon: 'in de middag, in de namiddag',
    evening: 'in de avond',
    daytime: 'overdag',
    lateAfternoon: `laat in de middag, laat in de namiddag, laat op de middag, eind van de middag,
      einde van de middag, aan het eind van de middag, eind van de dag, einde van de dag,
      tegen het eind van de dag, tegen het einde van de dag, aan het eind van de dag,
      aan het einde van de dag, eind van de middag, laat op de dag, later op de dag`,
    earlyMorning: `vroeg in de ochtend, vroeg in de morgen, s ochtends vroeg, s morgens vroeg,
      ochtends vroeg, morgens vroeg`,
    afterNoon: 'na de middag, na het middaguur, na twaalven, na 12en',
    today: 'nu meteen, meteen, direct, nu, vandaag nog, zo meteen, nu direct',
    lunchtime:
      'tussen de middag, tussen de middag in, rond de middag, rond het middaguur, rond lunchtijd, lunchtijd',
    beforeNoon: 'voor de middag, voor de lunch',
    afterLunch: 'na de lunch',
    thisWeek: 'deze week',
    nextWeek: 'volgende week, komende week',
    inWeeks: 'over {n} weken, over {n} week',
    inDays: 'over {n} dagen, over {n} dag',
    withinWeeks: 'binnen {n} weken, binnen {n} week',
    withinDays: 'binnen {n} dagen',
    thisMonth: 'deze maand',
    nextMonth: 'volgende maand, komende maand',
    thisWeekend: 'dit weekend',
    nextWeekend: 'volgend weekend, volgende weekend, komend weekend',
    weekend: 'weekend, weekends, weekenden',
    workdays: 'doordeweeks, door de week, werkdagen, werkdag',
    startOfWeek: 'begin van de week',
    endOfWeek: 'eind van de week, einde van de week',
    nextWeekday: 'volgende {wd}',
    comingWeekday: 'deze {wd}, komende {wd}, aanstaande {wd}',
  },
  compounds: {
    // "dinsdagochtend", "morgenmiddag", "vrijdagavonden", "zondagmorgens"
    ...compoundWords(
      `${days} overmorgen morgen vandaag`,
      {
        ochtend: 'ochtend',
        morgen: 'ochtend',
        voormiddag: 'ochtend',
        middag: 'middag',
        namiddag: 'middag',
        avond: 'avond',
      },
      ['', 'en', 's'],
    ),
    // "vanmiddag" is this afternoon
    vanochtend: ['vandaag', 'ochtend'],
    vanmorgen: ['vandaag', 'ochtend'],
    vanmiddag: ['vandaag', 'middag'],
    vanavond: ['vandaag', 'avond'],
    // "smiddags", from "'s middags" written without a space
    sochtends: ['ochtends'],
    smorgens: ['morgens'],
    smiddags: ['middags'],
    savonds: ['avonds'],
    morgenvroeg: ['morgen', 'ochtend'],
  },
  monthFirstDates: false,
};
