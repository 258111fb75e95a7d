import { byMeaning, counting, numbers, weekdayNames, type Vocabulary } from '../vocabulary.js';

/** Polish words for when a meeting suits, with the forms days take after "w", "we", "oprócz". */
export const polish: Vocabulary = {
  weekdays: {
    ...weekdayNames('poniedziałek wtorek środa czwartek piątek sobota niedziela'),
    ...numbers(`poniedziałki=1 wtorki=2 środę=3 środy=3 środzie=3 czwartki=4 piątki=5 sobotę=6
      soboty=6 niedzielę=7 niedzieli=7 poniedziałku=1 wtorku=2 czwartku=4 piątku=5
      poniedziałkami=1 wtorkami=2 środami=3 czwartkami=4 piątkami=5 sobotami=6 niedzielami=7
      niedziele=7`),
  } as Vocabulary['weekdays'],
  weekdayAbbreviations: numbers(
    'pon=1 wt=2 śr=3 czw=4 pt=5 sob=6 ndz=7',
  ) as Vocabulary['weekdayAbbreviations'],
  ordinalSuffixes: '',
  abbreviationsWithDot: 'godz pon wt śr czw pt sob ndz',
  dayParts: byMeaning({
    morning: 'rano rankiem ranek przedpołudnie przedpołudniem',
    afternoon: 'popołudnie popołudniem popołudniu popołudniami',
    evening: 'wieczór wieczorem wieczorami wieczory',
  }),
  meridiemAdverbs: {},
  meridiemWords: {},
  meridiemPrefixes: '',
  relativeDays: numbers('dziś=0 dzisiaj=0 jutro=1 pojutrze=2 wczoraj=-1'),
  months: numbers(`styczeń=1 stycznia=1 luty=2 lutego=2 marzec=3 marca=3 kwiecień=4 kwietnia=4
    maj=5 maja=5 czerwiec=6 czerwca=6 lipiec=7 lipca=7 sierpień=8 sierpnia=8 wrzesień=9
    września=9 październik=10 października=10 listopad=11 listopada=11 grudzień=12 grudnia=12`),
  monthsNeedingIn: '',
  numberWords: counting(
    'jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście',
  ),
  countOnlyWords: { dwie: 2 },
  minuteWords: {},
  minuteRelations: {},
  halfHours: [],
  noonWords: 'południe',
  hourSuffixes: 'godz godzina godzinie',
  articles: '',
  inWords: '',
  ofWords: '',
  rangeConnectors: 'do',
  betweenConnectors: 'a i',
  conjunctions: { lub: 'or', albo: 'or', czy: 'or', oraz: 'and' },
  negations: 'nie oprócz poza bez nigdy odpada',
  clauseWords: 'ale lecz jednak',
  fillers: `mi mnie ja mogę może pasuje pasowałby pasowałoby odpowiada dobrze najlepiej w we dla
    chętnie tylko też także proszę dziękuję jest będzie byłoby bym by się spotkanie wolę wolałbym
    wolałabym termin czas jestem mam mogłabym mogłbym mógłbym raczej już to ten jakoś więc bo
    potem wtedy pracuję pracuje`,
  prepositions: {
    point: 'o, około, koło, o godzinie, około godziny, na godzinę',
    after: 'po, po godzinie, później niż',
    from: 'od, od godziny, od godz',
    before: 'przed, przed godziną, wcześniej niż',
    until: 'do, do godziny, do godz',
    between: 'między, pomiędzy',
  },
  phrases: {
    // "om 3 uur moet ik de kinderen halen": the meeting is over by 3.
    busy: 'muszę, trzeba',
    anything: `obojętnie, wszystko jedno, kiedykolwiek, jak najszybciej, jak najwcześniej,
      każdy dzień, zawsze, bez różnicy, nie ma znaczenia, dowolny termin, dowolnie, w każdej chwili`,
    nothing: 'cały dzień, dla mnie',
    negation: 'z wyjątkiem, raczej nie, wolę nie, tylko nie, byle nie',
    morning: 'z rana',
    afternoon: 'po południu, po południe',
    daytime: 'w ciągu dnia',
    lateAfternoon:
      'późnym popołudniem, pod koniec dnia, na koniec dnia, późne popołudnie, pod wieczór',
    earlyMorning: 'wcześnie rano, z samego rana',
    afterLunch: 'po obiedzie, po lunchu',
    beforeNoon: 'przed południem, do południa',
    lunchtime: 'w porze lunchu, w południe, około południa, w porze obiadu',
    thisWeek: 'w tym tygodniu, ten tydzień',
    nextWeek: `w przyszłym tygodniu, przyszły tydzień, w następnym tygodniu, następny tydzień,
      przyszłym tygodniu, za tydzień`,
    inWeeks: 'za {n} tygodnie, za {n} tygodni',
    inDays: 'za {n} dni',
    thisMonth: 'w tym miesiącu',
    nextMonth: 'w przyszłym miesiącu',
    thisWeekend: 'w ten weekend',
    nextWeekend: 'w przyszły weekend',
    weekend: 'weekend, w weekend, weekendy, w weekendy',
    workdays: 'w tygodniu, dni robocze, w dni robocze, w dzień roboczy, w dni powszednie',
    startOfWeek: 'na początku tygodnia, początek tygodnia',
    endOfWeek: 'pod koniec tygodnia, na koniec tygodnia, koniec tygodnia',
    nextWeekday: `w przyszły {wd}, w przyszłą {wd}, przyszły {wd}, przyszła {wd}, w następny {wd},
      w następną {wd}`,
    comingWeekday: 'w najbliższy {wd}, w najbliższą {wd}, najbliższy {wd}, w ten {wd}, w tę {wd}',
    today: 'teraz, od razu, natychmiast, jeszcze dziś, jeszcze dzisiaj, zaraz',
  },
  compounds: {},
  monthFirstDates: false,
};
