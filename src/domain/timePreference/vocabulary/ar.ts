import { byMeaning, numbers, type Vocabulary } from '../vocabulary.js';

/**
 * Arabic words for when a meeting suits, Modern Standard with common spoken forms. Words are
 * compared folded (no vowel marks, أ/إ/آ as ا, ة as ه, ى as ي), so each is listed once.
 */
export const arabic: Vocabulary = {
  weekdays: numbers(`الاثنين=1 الإثنين=1 الثلاثاء=2 ثلاثاء=2 الأربعاء=3 أربعاء=3 الخميس=4 خميس=4
    الجمعة=5 جمعة=5 السبت=6 سبت=6 الأحد=7 أحد=7`) as Vocabulary['weekdays'],
  weekdayAbbreviations: {},
  ordinalSuffixes: '',
  abbreviationsWithDot: '',
  dayParts: byMeaning({
    morning: 'صباح صباحا الصباح الصبح صبحا',
    afternoon: 'الظهيرة',
    evening: 'مساء مساءا المساء ليلا مسا',
  }),
  meridiemAdverbs: {},
  meridiemWords: {},
  meridiemPrefixes: '',
  relativeDays: numbers('اليوم=0 غدا=1 الغد=1 بكرة=1 بكرا=1 أمس=-1'),
  months: numbers(`يناير=1 فبراير=2 مارس=3 أبريل=4 ابريل=4 مايو=5 يونيو=6 يوليو=7 أغسطس=8
    سبتمبر=9 أكتوبر=10 نوفمبر=11 ديسمبر=12`),
  monthsNeedingIn: '',
  numberWords: numbers(`واحدة=1 اثنين=2 ثلاثة=3 أربعة=4 خمسة=5 ستة=6 سبعة=7 ثمانية=8 تسعة=9
    عشرة=10 الواحدة=1 الثانية=2 الثالثة=3 الرابعة=4 الخامسة=5 السادسة=6 السابعة=7 الثامنة=8
    التاسعة=9 العاشرة=10`),
  countOnlyWords: {},
  minuteWords: {},
  minuteRelations: {},
  halfHours: [],
  noonWords: 'الظهر ظهرا',
  hourSuffixes: '',
  articles: '',
  inWords: '',
  ofWords: '',
  rangeConnectors: 'إلى الى حتى لغاية',
  betweenConnectors: 'و',
  conjunctions: { أو: 'or', او: 'or', و: 'and' },
  negations: 'لا ليس غير إلا الا مش مو مب ما باستثناء ماعدا عدا لست',
  clauseWords: 'لكن ولكن بس',
  fillers: `أنا انا لي يناسبني يناسب مناسب ممكن يمكن أفضل افضل فضلك لو سمحت شكرا في يوم على وقت أريد اريد ابي بدي عندي متاح متفرغ فاضي أن ان يكون فقط كذلك ايضا أيضا بالنسبة
    اذا إذا عادة الأفضل افضّل أكون اكون`,
  prepositions: {
    point: 'الساعة, ساعة, في الساعة, عند الساعة, عند, حوالي, حوالى, على الساعة',
    after: 'بعد, بعد الساعة',
    from: 'من, من الساعة, ابتداء من, اعتبارا من',
    before: 'قبل, قبل الساعة',
    until: 'حتى, حتى الساعة, إلى, لغاية, لحد, الى الساعة',
    between: 'بين, ما بين, بين الساعة',
  },
  phrases: {
    // "om 3 uur moet ik de kinderen halen": the meeting is over by 3.
    busy: 'يجب, لازم, علي',
    anything: `أي وقت, في أي وقت, لا يهم, مش مهم, ليس مهما, متى ما, بأسرع وقت, في أسرع وقت,
      بأسرع وقت ممكن, في أقرب وقت, أقرب وقت, أي يوم, كل يوم, دائما, في أي يوم`,
    nothing: 'طول اليوم, كل اليوم, بالنسبة لي',
    negation: 'ما عدا, ما عدى, ليس يوم, لا يوم, إلا يوم',
    morning: 'في الصباح, في الصبح',
    afternoon: 'بعد الظهر, بعد الظهيرة, بعد الضهر',
    evening: 'في المساء',
    lateAfternoon: `العصر, عصرا, في العصر, آخر النهار, نهاية اليوم, في نهاية اليوم, آخر اليوم,
      في آخر اليوم`,
    earlyMorning: 'الصباح الباكر, في الصباح الباكر, باكرا, صباحا باكرا',
    beforeNoon: 'قبل الظهر, قبل الظهيرة',
    lunchtime: 'وقت الغداء, في الظهر, وقت الظهر',
    thisWeek: 'هذا الأسبوع, الأسبوع الحالي',
    nextWeek: 'الأسبوع القادم, الأسبوع المقبل, الأسبوع الجاي, الأسبوع اللي جاي, بعد أسبوع',
    weekAfterNext: 'بعد أسبوعين',
    inWeeks: 'بعد {n} أسابيع',
    inDays: 'بعد {n} أيام',
    thisMonth: 'هذا الشهر',
    nextMonth: 'الشهر القادم, الشهر المقبل',
    thisWeekend: 'نهاية هذا الأسبوع',
    weekend: 'نهاية الأسبوع, عطلة نهاية الأسبوع, الويكند',
    workdays: 'أيام الأسبوع, أيام العمل, خلال الأسبوع',
    startOfWeek: 'بداية الأسبوع, أول الأسبوع',
    endOfWeek: 'آخر الأسبوع',
    nextWeekday: '{wd} القادم, {wd} المقبل, {wd} الجاي, {wd} القادمة',
    comingWeekday: 'هذا {wd}',
    dayAfterTomorrow: 'بعد غد, بعد بكرة, بعد يومين',
    today: 'الآن, حالا, فورا, اليوم حالا, الحين',
  },
  compounds: {},
  monthFirstDates: false,
};
