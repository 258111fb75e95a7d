import { expect } from 'chai';
import { minimiseSummary } from '../../src/domain/minimise.js';
import { internationalPhone } from '../../src/domain/phoneKey.js';

const now = new Date('2026-11-23T08:15:00.000Z');

describe('minimising a summary before it is stored', () => {
  it('takes personal details out of the free text and keeps the number given for the meeting', () => {
    const { summary, found } = minimiseSummary(
      {
        intent: 'work',
        wishes: 'Werk in de zorg, bsn 111222333, mail jan@example.nl',
        doesAlready: 'Ik zorg voor mijn moeder (geboren 12-03-1950), rekening NL91ABNA0417164300',
        wouldHelp: 'Bel mij op 06 12345678 of mijn zus op 06 87654321',
        preferredTimes: 'dinsdag 1 december na 10 uur, Kerkstraat 12, 5076 AB',
        form: 'phone',
        phone: '+31612345678',
        language: 'nl',
        channel: 'webchat',
      },
      now,
    );
    expect(summary.wishes).to.equal('Werk in de zorg, bsn [bsn], mail [email]');
    expect(summary.doesAlready).to.equal(
      'Ik zorg voor mijn moeder (geboren [birthDate]), rekening [iban]',
    );
    expect(summary.wouldHelp).to.equal('Bel mij op 06 12345678 of mijn zus op [phone]');
    // A meeting date, a time, a house number and a postcode are no personal details to remove.
    expect(summary.preferredTimes).to.equal('dinsdag 1 december na 10 uur, Kerkstraat 12, 5076 AB');
    expect(summary.phone).to.equal('+31612345678');
    expect([...found].sort()).to.deep.equal(['birthDate', 'bsn', 'email', 'iban', 'phone']);
  });

  it('leaves skipped answers out', () => {
    const { summary } = minimiseSummary(
      { intent: 'talk', form: 'video', language: 'en', channel: 'whatsapp' },
      now,
    );
    expect(summary).to.deep.equal({
      intent: 'talk',
      form: 'video',
      language: 'en',
      channel: 'whatsapp',
    });
  });
});

describe('a phone number typed by a team member', () => {
  for (const [typed, expected] of [
    ['06-1234 5678', '+31612345678'],
    ['+31 6 12345678', '+31612345678'],
    ['0031612345678', '+31612345678'],
    ['013 123 4567', '+31131234567'],
    ['12345', undefined],
    ['bel mij', undefined],
  ] as const) {
    it(`"${typed}" → ${String(expected)}`, () => {
      expect(internationalPhone(typed)).to.equal(expected);
    });
  }
});
