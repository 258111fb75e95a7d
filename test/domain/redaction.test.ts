import { expect } from 'chai';
import fc from 'fast-check';
import { asciiDigits } from '../../src/domain/digits.js';
import { getCountries, getCountryCallingCode, Metadata } from 'libphonenumber-js/min';
import {
  isBsn,
  minPhoneDigits,
  redactPersonalData,
  type RedactionKind,
} from '../../src/domain/redaction.js';

const now = new Date('2026-11-23T08:15:00.000Z');
const redact = (text: string, keepPhone?: string) => redactPersonalData(text, { now, keepPhone });

describe('redaction of personal details in free text', () => {
  describe('takes out what must not be kept', () => {
    const cases: [string, string, RedactionKind[]][] = [
      ['mijn bsn is 111222333', 'mijn bsn is [bsn]', ['bsn']],
      ['BSN: 123456782.', 'BSN: [bsn].', ['bsn']],
      ['burgerservicenummer 1234.56.782', 'burgerservicenummer [bsn]', ['bsn']],
      ['nummer 123 456 782 toch?', 'nummer [bsn] toch?', ['bsn']],
      ['IBAN NL91ABNA0417164300', 'IBAN [iban]', ['iban']],
      ['rekening NL91 ABNA 0417 1643 00 en verder', 'rekening [iban] en verder', ['iban']],
      ['Duitse rekening DE89370400440532013000', 'Duitse rekening [iban]', ['iban']],
      ['mail mij: fatima.el-amrani@example.nl', 'mail mij: [email]', ['email']],
      ['bel mijn zus op 06-12345678', 'bel mijn zus op [phone]', ['phone']],
      ['of +31 6 1234 5678 of 073 612 3456', 'of [phone] of [phone]', ['phone', 'phone']],
      ['رقمي ٠٦١٢٣٤٥٦٧٨', 'رقمي [phone]', ['phone']],
      ['geboren 12-03-1980', 'geboren [birthDate]', ['birthDate']],
      ['geboortedatum 1975-07-01', 'geboortedatum [birthDate]', ['birthDate']],
      ['ik ben van 4 mei 1962', 'ik ben van [birthDate]', ['birthDate']],
      [
        'bsn 111222333, iban NL91ABNA0417164300, 06 12345678, a@b.nl',
        'bsn [bsn], iban [iban], [phone], [email]',
        ['bsn', 'iban', 'phone', 'email'],
      ],
    ];
    for (const [text, expected, found] of cases) {
      it(`"${text}" → "${expected}"`, () => {
        expect(redact(text)).to.deep.equal({ text: expected, found });
      });
    }
  });

  describe('keeps ordinary numbers and words', () => {
    const kept = [
      'Kerkstraat 2, 5076 AB Haaren',
      'huisnummer 12a, postcode 5268AV',
      'dinsdag om 14:30 of 9.00 uur',
      'tussen 9 en 12, niet na 3 uur',
      'op 3 december 2026 om half 2',
      'volgende week 08-12-2026',
      'het kost € 1.250,00 per maand',
      '123456789 is geen bsn (elfproef klopt niet)',
      'mijn KvK-nummer is 12345678',
      'NL91ABNA0417164301 is geen geldige iban',
      'ik werk 32 uur en heb 2 kinderen van 7 en 9',
      'kamer 1234567',
      'ik ben geboren in 1980',
      'mail is handig maar ik heb geen @',
    ];
    for (const text of kept) {
      it(`"${text}"`, () => {
        expect(redact(text)).to.deep.equal({ text, found: [] });
      });
    }
  });

  it('keeps the number the resident gave for the meeting, in any writing of it', () => {
    expect(
      redact('bel mij op 06 12 34 56 78 of mijn man op 0611111111', '0612345678'),
    ).to.deep.equal({ text: 'bel mij op 06 12 34 56 78 of mijn man op [phone]', found: ['phone'] });
    expect(redact('mijn nummer +31612345678', '06-12345678').found).to.deep.equal([]);
  });

  it('writes the marks the caller chooses', () => {
    const marks = { bsn: 'BSN weggelaten', iban: '', phone: '', email: '', birthDate: '' };
    const result = redactPersonalData('bsn 111222333', { now, mark: (kind) => `[${marks[kind]}]` });
    expect(result.text).to.equal('bsn [BSN weggelaten]');
  });

  it('never leaves a valid BSN in the text, however it is surrounded', () => {
    const validBsn = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
      .map((d) => {
        const sum = d.reduce((total, digit, i) => total + digit * (9 - i), 0);
        return { digits: d, check: sum % 11 };
      })
      .filter(({ check }) => check <= 9)
      .map(({ digits, check }) => [...digits, check].join(''))
      .filter((bsn) => !/^0+$/.test(bsn));
    const words = fc.constantFrom('', 'mijn bsn is ', 'nummer: ', '(', 'BSN=');
    const after = fc.constantFrom('', '.', ' en zo', ')', '!');
    fc.assert(
      fc.property(validBsn, words, after, (bsn, before, tail) => {
        expect(isBsn(bsn)).to.equal(true);
        expect(redact(`${before}${bsn}${tail}`).text).not.to.include(bsn);
      }),
    );
  });

  it('checks the elfproef', () => {
    expect(['111222333', '123456782', '999999990'].map(isBsn)).to.deep.equal([true, true, true]);
    expect(['123456789', '000000000', '12345678', '1234567890'].map(isBsn)).to.deep.equal([
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads Arabic-Indic digits as digits, keeping positions', () => {
    expect(asciiDigits('٠٦١٢ ۳۴')).to.equal('0612 34');
    expect(asciiDigits('رقم ١٢')).to.have.length('رقم ١٢'.length);
  });

  it('skips the phone parser only for text too short in digits to hold any phone number', () => {
    const metadata = new Metadata();
    for (const country of getCountries()) {
      metadata.selectNumberingPlan(country);
      const shortest = Math.min(...metadata.numberingPlan!.possibleLengths());
      expect(getCountryCallingCode(country).length + shortest, country).to.be.above(minPhoneDigits);
      if (country === 'NL') expect(1 + shortest, 'NL with trunk 0').to.be.above(minPhoneDigits);
    }
    expect(redactPersonalData('bel +43 1234', { now }).found).to.deep.equal(['phone']);
    expect(redactPersonalData('bel 06 12345678', { now }).found).to.deep.equal(['phone']);
  });
});
