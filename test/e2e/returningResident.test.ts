import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { TestClock } from '../clocks.js';
import {
  actionValues,
  DirectLineResident,
  installBrowserGlobals,
  shown,
  type BotMessage,
} from './directLineResident.js';

/** The time cards of an offer ("Kies deze tijd"), in order. */
function timeCards(replies: BotMessage[]) {
  return replies
    .flatMap((r) => r.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.thumbnail')
    .map((a) => a.content as { title: string; subtitle: string; buttons: { value: unknown }[] });
}

/** Books the first time offered, at the meeting place, skipping every question. */
async function bookFirstTime(resident: DirectLineResident, language = 'nl'): Promise<void> {
  if (language !== 'nl') await resident.say(`lang:${language}`);
  await resident.say('intent:work');
  for (let question = 0; question < 4; question++) await resident.say('skip');
  const offer = await resident.say('when:anytime');
  const [first] = timeCards(offer);
  await resident.say('Kies deze tijd', first?.buttons[0]?.value);
  await resident.say('form:location');
  const done = await resident.say('yes');
  expect(done.some((r) => r.attachments?.some((a) => a.contentType === 'text/calendar'))).to.equal(
    true,
  );
}

/**
 * Issue 15 through the official Direct Line client against the real app: a resident who comes
 * back is known, and every answer is one a good coach would give.
 */
describe('a resident over Direct Line: coming back, right answers, the right coach', function () {
  this.timeout(60_000);
  let restore: () => void;
  let app: App;
  let url: string;
  const clock = new TestClock();
  const residents: DirectLineResident[] = [];
  const start = async () => {
    const resident = await DirectLineResident.start(url);
    residents.push(resident);
    return resident;
  };

  before(async () => {
    restore = installBrowserGlobals();
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      clock,
      log: createLogger('silent'),
    });
    url = await app.listen();
  });

  after(async () => {
    for (const resident of residents) resident.end();
    await app?.close();
    restore?.();
  });

  describe('coming back', () => {
    it('resumes the conversation by id hours later, greets with the meeting and moves it', async () => {
      const resident = await start();
      await bookFirstTime(resident);
      resident.end();
      // Three hours later (the meeting is tomorrow): the token expired long ago.
      clock.advance(3 * 60 * 60 * 1000);

      const back = await DirectLineResident.resume(url, resident.conversation);
      residents.push(back);
      // The transcript is there again, with the booking.
      expect(
        back.received.some((a) => a.type === 'message' && /Gelukt!/.test(a.text ?? '')),
      ).to.equal(true);
      const hello = await back.say('hallo');
      expect(hello.at(-1)?.text).to.match(
        /^U heeft een afspraak met \w+ op \w+ \d+ \w+ om \d\d:\d\d\. Wilt u iets veranderen\?$/,
      );
      expect(actionValues(hello)).to.include.members(['booking:move', 'booking:cancel', 'no']);
      const moving = await back.press(hello, 'Afspraak verzetten');
      expect(shown(moving)).to.match(/Uw afspraak is nu: .*Ik zoek een nieuwe tijd/);
    });

    for (const [words, expected] of [
      ['ik wil mijn afspraak verzetten', /Uw afspraak is nu: /],
      ['Kan ik mijn afspraak naar een andere tijd zetten?', /Uw afspraak is nu: /],
      ['kan ik mijn afspraak afzeggen?', /Wilt u deze afspraak afzeggen\?/],
      ['Ik kan niet komen op mijn afspraak', /Wilt u deze afspraak afzeggen\?/],
    ] as const) {
      it(`moves or cancels from content words: "${words}"`, async () => {
        const resident = await start();
        await bookFirstTime(resident);
        expect(shown(await resident.say(words))).to.match(expected);
      });
    }

    it('understands "أريد تغيير موعدي" in Arabic', async () => {
      const resident = await start();
      await bookFirstTime(resident, 'ar');
      const moving = await resident.say('أريد تغيير موعدي');
      expect(shown(moving)).to.include('موعدك الآن:');
    });

    it('asks to move the open meeting instead of booking a second one', async () => {
      const resident = await start();
      await bookFirstTime(resident);
      const again = await resident.say('intent:work');
      expect(again.at(-1)?.text).to.match(
        /^U heeft al een afspraak: .* Wilt u die afspraak verzetten\?$/,
      );
      expect(shown(await resident.say('ja'))).to.match(/Uw afspraak is nu: /);
    });

    it('carries the first message\'s intent over the language offer: "أبحث عن عمل"', async () => {
      const resident = await start();
      const offer = await resident.say('أبحث عن عمل');
      expect(actionValues(offer)).to.deep.equal(['lang:ar', 'lang:nl']);
      const chosen = await resident.press(offer, 'العربية');
      expect(chosen.at(-1)?.locale).to.equal('ar-EG');
      // Not the menu again: straight on to work, in Arabic.
      expect(actionValues(chosen)).to.not.include('intent:work');
      expect(actionValues(chosen)).to.include('skip');
    });
  });

  describe('answers that are right', () => {
    for (const [question, answer] of [
      ['Is het gratis?', 'Ja, het is gratis.'],
      ['Kost het geld?', 'Nee, het kost u niets.'],
      ['Is het verplicht?', 'Nee, het gesprek zelf is niet verplicht.'],
      ['kan ik mijn zus meenemen?', 'Ja, dat mag.'],
      ['mag mijn zus mee?', 'Ja, dat mag.'],
      ['hoe lang duurt het eerste gesprek?', 'Het eerste gesprek duurt ongeveer 45 minuten.'],
    ] as const) {
      it(`answers "${question}" with "${answer}"`, async () => {
        const resident = await start();
        expect(shown(await resident.say(question))).to.include(answer);
      });
    }

    it('says the meeting is voluntary and that the coach explains the rules of a benefit', async () => {
      const resident = await start();
      const said = shown(await resident.say('Is het verplicht?'));
      expect(said).to.include('De coach legt uit wat voor u geldt.');
    });

    it('offers the call back directly on "ik wil een mens spreken", with a tappable number', async () => {
      const resident = await start();
      const asked = await resident.say('ik wil een mens spreken');
      expect(asked.at(-1)?.text).to.include('Mogen we daarvoor uw telefoonnummer bewaren?');
      const no = await resident.say('nee');
      expect(shown(no)).to.include('[14 0000](tel:140000)');
    });

    it('accepts a phone number in Arabic-Indic digits: "٠٦١٢٣٤٥٦٧٨"', async () => {
      const resident = await start();
      await resident.say('bel mij');
      await resident.say('ja');
      const next = await resident.say('٠٦١٢٣٤٥٦٧٨');
      expect(shown(next)).to.not.include('Dat nummer herken ik niet');
      expect(next.at(-1)?.text).to.include('?');
    });
  });

  describe('matching the coach to the resident', () => {
    it('offers an Arabic-speaking resident Samir, says why, in Arabic with Latin text isolated', async () => {
      const resident = await start();
      await resident.say('lang:ar');
      await resident.say('intent:work');
      for (let question = 0; question < 4; question++) await resident.say('skip');
      const offer = await resident.say('when:anytime');
      const cards = timeCards(offer);
      expect(cards).to.have.length(3);
      for (const card of cards) expect(card.subtitle).to.include('Samir');
      const text = shown(offer);
      expect(text).to.include('أنا سمير'); // his own Arabic introduction
      expect(text).to.include('التحدث باللغة'); // why: he speaks Arabic
      expect(text).to.include('\u2068Ontmoetingscentrum De Wiel\u2069');
      expect(text).to.not.include('Ik ben'); // no Dutch introduction
    });

    it('falls back to the English introduction, marked, where the coach wrote none', async () => {
      const resident = await start();
      await resident.say('lang:tr');
      await resident.say('intent:work');
      for (let question = 0; question < 4; question++) await resident.say('skip');
      const text = shown(await resident.say('when:anytime'));
      expect(text).to.match(/\(İngilizce\) I am \w+\./);
      expect(text).to.not.include('Ik ben');
    });
  });
});

describe("a municipality's own answers (ANSWERS_FILE) over Direct Line", function () {
  this.timeout(30_000);
  let restore: () => void;
  let app: App;
  let url: string;
  let folder: string;
  let resident: DirectLineResident | undefined;

  before(async () => {
    restore = installBrowserGlobals();
    folder = mkdtempSync(join(tmpdir(), 'voordeur-answers-'));
    const file = join(folder, 'answers.json');
    writeFileSync(
      file,
      JSON.stringify({
        answers: {
          voluntary: {
            nl: {
              answer: [
                'Het eerste gesprek is vrijwillig.',
                'Vragen over uw uitkering? Bel {{phone}}.',
              ],
              no: 'Nee, het eerste gesprek is niet verplicht.',
            },
          },
        },
      }),
    );
    app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ANSWERS_FILE: file }), {
      clock: new TestClock(),
      log: createLogger('silent'),
    });
    url = await app.listen();
  });

  after(async () => {
    resident?.end();
    await app?.close();
    restore?.();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers in the words of the file, with the phone number as a link', async () => {
    resident = await DirectLineResident.start(url);
    const said = await resident.say('Is het verplicht?');
    expect(shown(said)).to.include('Nee, het eerste gesprek is niet verplicht.');
    expect(shown(said)).to.include('Vragen over uw uitkering? Bel [14 0000](tel:140000).');
    expect(shown(said)).to.not.include('Het eerste gesprek is vrijwillig.');
  });
});
