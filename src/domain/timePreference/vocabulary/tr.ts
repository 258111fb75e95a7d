import { byMeaning, counting, numbers, weekdayNames, type Vocabulary } from '../vocabulary.js';

/**
 * Turkish words for when a meeting suits. Turkish puts "after" and "before" behind the time
 * ("15'ten sonra", "10'dan önce"): those are `postpositions`; the case ending on a number
 * ("10'da", "15'ten") is read as an hour suffix (see `tokens.ts`).
 */
export const turkish: Vocabulary = {
  weekdays: {
    ...weekdayNames('pazartesi salı çarşamba perşembe cuma cumartesi pazar'),
    ...numbers(`pazartesileri=1 salıları=2 çarşambaları=3 perşembeleri=4 cumaları=5
      cumartesileri=6 pazarları=7 pazartesiye=1 salıya=2 çarşambaya=3 perşembeye=4 cumaya=5
      cumartesiye=6 pazara=7`),
  } as Vocabulary['weekdays'],
  weekdayAbbreviations: numbers(
    'pzt=1 sal=2 çar=3 per=4 cum=5 cmt=6 paz=7',
  ) as Vocabulary['weekdayAbbreviations'],
  ordinalSuffixes: '',
  abbreviationsWithDot: '',
  dayParts: byMeaning({
    morning: 'sabah sabahı sabahları sabahleyin',
    evening: 'akşam akşamı akşamları akşamleyin',
  }),
  meridiemAdverbs: {},
  meridiemWords: {},
  meridiemPrefixes: '',
  relativeDays: numbers('bugün=0 yarın=1 dün=-1'),
  months: numbers(`ocak=1 şubat=2 mart=3 nisan=4 mayıs=5 haziran=6 temmuz=7 ağustos=8 eylül=9
    ekim=10 kasım=11 aralık=12`),
  monthsNeedingIn: '',
  numberWords: counting('bir iki üç dört beş altı yedi sekiz dokuz'),
  countOnlyWords: {},
  minuteWords: {},
  minuteRelations: {},
  halfHours: [],
  noonWords: 'öğlen',
  // The case ending of a number, split off by the tokenizer: "10'da" → 10 trloc.
  hourSuffixes: 'trloc trabl trdat',
  articles: '',
  inWords: '',
  ofWords: '',
  rangeConnectors: 'ile',
  betweenConnectors: '',
  conjunctions: { veya: 'or', yahut: 'or', ya: 'or', ve: 'and' },
  negations: 'değil değilim olmaz olmasın olamaz hariç dışında yok gelemem uymaz uymuyor',
  clauseWords: 'ama fakat ancak',
  fillers: `ben bana benim için uygun olur olabilir müsait müsaitim iyi tercihen lütfen evet günü
    günleri gün de da ki bu saatte saatlerinde civarı civarında gibi arası arasında sadece
    yalnızca tercihim isterim istiyorum zaman mi mı mu mü lazım benim biraz daha`,
  prepositions: {
    point: 'saat',
    after: '',
    from: '',
    before: '',
    until: '',
    between: '',
  },
  postpositions: {
    after: 'sonra, sonrası, sonrasında',
    before: 'önce, öncesi, öncesinde',
    until: 'kadar, a kadar',
    from: 'itibaren, itibaren de',
  },
  phrases: {
    // "om 3 uur moet ik de kinderen halen": the meeting is over by 3.
    busy: 'lazım, gerek, zorundayım',
    anything: `fark etmez, farketmez, her zaman, herhangi bir zaman, herhangi bir gün, ne zaman olursa,
      en kısa sürede, en kısa zamanda, mümkün olan en kısa sürede, her gün, hepsi olur, farketmiyor`,
    nothing: 'bütün gün, tüm gün, benim için',
    negation: 'olmasın lütfen',
    afternoon: 'öğleden sonra, öğleden sonraları, öğlen sonra, öğlenden sonra',
    lateAfternoon: 'akşamüstü, akşam üstü, günün sonunda, gün sonunda, iş çıkışı',
    earlyMorning: 'sabah erken, sabah erkenden, erken saatte, sabahın erken saatlerinde',
    lunchtime: 'öğle arası, öğle yemeği, öğle saatinde, öğle vakti',
    beforeNoon: 'öğleden önce, öğlenden önce',
    thisWeek: 'bu hafta',
    nextWeek: 'gelecek hafta, önümüzdeki hafta, haftaya, sonraki hafta, bir hafta sonra',
    inWeeks: '{n} hafta sonra',
    inDays: '{n} gün sonra',
    thisMonth: 'bu ay',
    nextMonth: 'gelecek ay, önümüzdeki ay',
    thisWeekend: 'bu hafta sonu',
    nextWeekend: 'gelecek hafta sonu',
    weekend: 'hafta sonu, hafta sonları, haftasonu',
    workdays: 'hafta içi, haftaiçi, hafta içleri, iş günleri',
    startOfWeek: 'hafta başı, haftanın başı, haftanın başında',
    endOfWeek: 'hafta sonuna doğru, haftanın sonu, haftanın sonunda',
    nextWeekday: 'gelecek {wd}, önümüzdeki {wd}, haftaya {wd}',
    comingWeekday: 'bu {wd}',
    dayAfterTomorrow: 'öbür gün, yarından sonra',
    today: 'hemen, şimdi, şu an, hemen şimdi, bugün hemen',
  },
  compounds: {},
  monthFirstDates: false,
};
