import { expect } from 'chai';
import { formatMeetingTime } from '../../dialogs/meetingTime.js';
import { parsePhoneNumber } from '../../dialogs/phoneNumber.js';
import { parseResidence } from '../../dialogs/residence.js';
import { absolutePhotoUrl } from '../../dialogs/slotCard.js';

describe('meeting times in words', () => {
  it('writes Amsterdam time in the resident’s language, never ISO', () => {
    const winter = new Date('2026-12-03T12:30:00.000Z');
    expect(formatMeetingTime(winter, 'nl')).to.equal('donderdag 3 december om 13:30');
    expect(formatMeetingTime(winter, 'en')).to.equal('Thursday 3 December at 13:30');
  });

  it('follows summer time', () => {
    expect(formatMeetingTime(new Date('2027-03-29T11:30:00.000Z'), 'nl')).to.equal(
      'maandag 29 maart om 13:30',
    );
  });
});

describe('phone numbers', () => {
  for (const [typed, number] of [
    ['06 12345678', '+31612345678'],
    ['06-1234 5678', '+31612345678'],
    ['0612345678', '+31612345678'],
    ['+31 6 12345678', '+31612345678'],
    ['+31 (0)6 12 34 56 78', '+31612345678'],
    ['0031 6 1234 5678', '+31612345678'],
    ['013 123 4567', '+31131234567'],
    ['Mijn nummer is 06 12345678', '+31612345678'],
    ['+32 470 12 34 56', '+32470123456'],
  ] as const) {
    it(`reads "${typed}"`, () => expect(parsePhoneNumber(typed)).to.equal(number));
  }

  for (const typed of [
    '12345',
    '06 1234',
    'bel me',
    '+31 6 1234',
    '06 12345678 of 013 1234567',
    '',
  ]) {
    it(`refuses "${typed}"`, () => expect(parsePhoneNumber(typed)).to.equal(undefined));
  }
});

describe('where the resident lives', () => {
  it('reads a postcode with or without letters, and a place', () => {
    expect(parseResidence('5076ab')).to.deep.equal({ postcode: '5076 AB' });
    expect(parseResidence('5076')).to.deep.equal({ postcode: '5076' });
    expect(parseResidence('Ik woon in Haaren')).to.deep.equal({ place: 'Haaren' });
    expect(parseResidence("'s-Hertogenbosch")).to.deep.equal({ place: "'s-Hertogenbosch" });
  });

  it('refuses what is neither', () => {
    for (const typed of ['🙂', '12', '0123', 'x'.repeat(80)]) {
      expect(parseResidence(typed), typed).to.equal(undefined);
    }
  });
});

describe('coach photos', () => {
  it('makes relative paths absolute, and keeps them relative without a base URL', () => {
    expect(absolutePhotoUrl('/coaches/elke.svg', 'https://voordeur.example.nl')).to.equal(
      'https://voordeur.example.nl/coaches/elke.svg',
    );
    expect(absolutePhotoUrl('https://cdn.example.nl/elke.jpg', undefined)).to.equal(
      'https://cdn.example.nl/elke.jpg',
    );
    expect(absolutePhotoUrl('/coaches/elke.svg', undefined)).to.equal('/coaches/elke.svg');
  });
});
