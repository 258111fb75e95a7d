import { expect } from 'chai';
import { coachSchema, type Coach, type CoachInput } from '../../src/domain/coach.js';
import { postcodeDigits, rankCoaches } from '../../src/domain/coachChoice.js';

function coach(id: string, fields: Partial<CoachInput> = {}): Coach {
  return coachSchema.parse({
    id,
    name: id[0]?.toUpperCase() + id.slice(1),
    photoUrl: `/coaches/${id}.jpg`,
    intro: { nl: 'Ik denk graag met u mee.' },
    languages: ['nl'],
    areas: { postcodes: [], places: [] },
    places: [{ id: 'stadhuis', name: 'Stadhuis', address: 'Markt 1' }],
    forms: ['location', 'phone'],
    workingHours: { '1': [{ start: '09:00', end: '17:00' }] },
    caseloadCap: 60,
    ...fields,
  });
}

// A small team for a municipality with the villages Haaren and Esch.
const elke = coach('elke', {
  languages: ['nl', 'en'],
  areas: { postcodes: [{ from: 5076, to: 5076 }], places: ['Haaren'] },
});
const sanne = coach('sanne', { areas: { postcodes: [{ from: 5070, to: 5079 }], places: [] } });
const youssef = coach('youssef', { languages: ['nl', 'ar', 'en'], areas: { places: ['Esch'] } });
const bram = coach('bram', { areas: { places: ["'s-Hertogenbosch"] } });
const team = [bram, sanne, youssef, elke];

const ids = (ranked: ReturnType<typeof rankCoaches>) => ranked.map((entry) => entry.coach.id);

describe('coachChoice', () => {
  it("explains a coach who works in the resident's village and speaks their language", () => {
    const [first] = rankCoaches(team, { language: 'en', place: 'Haaren' }, {});
    expect(first?.coach.id).to.equal('elke');
    // "Elke werkt in Haaren en spreekt Engels"
    expect(first?.reasons).to.deep.equal([
      { kind: 'servesArea', place: 'Haaren' },
      { kind: 'speaks', language: 'en' },
    ]);
  });

  it('ranks the area before the language', () => {
    const ranked = rankCoaches(team, { language: 'ar', place: 'Haaren' }, {});
    expect(ids(ranked)).to.deep.equal(['elke', 'youssef', 'bram', 'sanne']);
    expect(ranked[1]?.reasons).to.deep.equal([{ kind: 'speaks', language: 'ar' }]);
  });

  it("matches a postcode within a coach's ranges, with or without letters and spaces", () => {
    for (const postcode of ['5076 AB', '5076ab', ' 5076 ', '5076']) {
      const ranked = rankCoaches([bram, youssef, sanne], { language: 'nl', postcode }, {});
      expect(ids(ranked)[0], postcode).to.equal('sanne');
      expect(ranked[0]?.reasons).to.deep.equal([{ kind: 'servesPostcode', postcode: '5076' }]);
    }
  });

  it('names the place rather than the postcode when both match', () => {
    const [first] = rankCoaches(
      [elke],
      { language: 'nl', postcode: '5076 AB', place: 'Haaren' },
      {},
    );
    expect(first?.reasons).to.deep.equal([{ kind: 'servesArea', place: 'Haaren' }]);
  });

  it('matches place names regardless of case, accents, dashes and apostrophes', () => {
    for (const place of ['haaren', ' HAAREN ', 'Háaren']) {
      expect(ids(rankCoaches([bram, elke], { language: 'nl', place }, {}))[0], place).to.equal(
        'elke',
      );
    }
    expect(
      ids(rankCoaches([elke, bram], { language: 'nl', place: 's Hertogenbosch' }, {}))[0],
    ).to.equal('bram');
  });

  it('does not mention Dutch as a reason, since every coach speaks it', () => {
    const [first] = rankCoaches([elke], { language: 'nl', place: 'Haaren' }, {});
    expect(first?.reasons).to.deep.equal([{ kind: 'servesArea', place: 'Haaren' }]);
  });

  it("keeps coaches who do not speak the resident's language, after those who do", () => {
    const ranked = rankCoaches([bram, youssef], { language: 'ar' }, {});
    expect(ids(ranked)).to.deep.equal(['youssef', 'bram']);
    expect(ranked[1]?.reasons).to.deep.equal([]);
  });

  it("ranks a coach who speaks the resident's language above one with more room", () => {
    // Youssef has the fullest caseload, and still comes first for an Arabic-speaking resident.
    const ranked = rankCoaches(
      team,
      { language: 'ar' },
      { bram: 10, sanne: 20, elke: 30, youssef: 55 },
    );
    expect(ranked[0]?.coach.id).to.equal('youssef');
    expect(ranked[0]?.reasons).to.deep.equal([{ kind: 'speaks', language: 'ar' }]);
    // Continuity and area still come first.
    expect(
      rankCoaches(team, { language: 'ar', place: 'Haaren' }, { youssef: 0 })[0]?.coach.id,
    ).to.equal('elke');
    expect(
      rankCoaches(team, { language: 'ar', previousCoachId: 'bram' }, { youssef: 0 })[0]?.coach.id,
    ).to.equal('bram');
  });

  it('leaves out coaches at or over their caseload cap', () => {
    const ranked = rankCoaches(team, { language: 'en', place: 'Haaren' }, { elke: 60, sanne: 61 });
    expect(ids(ranked)).to.deep.equal(['youssef', 'bram']);
  });

  it('keeps a returning resident with their coach, first, even when that coach is at the cap', () => {
    const ranked = rankCoaches(
      team,
      { language: 'en', place: 'Haaren', previousCoachId: 'bram' },
      { bram: 70 },
    );
    expect(ids(ranked)).to.deep.equal(['bram', 'elke', 'youssef', 'sanne']);
    expect(ranked[0]?.reasons).to.deep.equal([{ kind: 'sameCoachAsBefore' }]);
  });

  it('ignores a previous coach who is no longer on the team', () => {
    const ranked = rankCoaches([sanne, bram], { language: 'nl', previousCoachId: 'ex-coach' }, {});
    expect(ids(ranked)).to.deep.equal(['sanne', 'bram']);
    expect(ranked.flatMap((entry) => entry.reasons)).to.deep.equal([]);
  });

  it('prefers the coach with the most room among equally suitable coaches, and says so', () => {
    const ranked = rankCoaches(
      [bram, sanne, coach('noor')],
      { language: 'nl' },
      { bram: 55, sanne: 30, noor: 42 },
    );
    expect(ids(ranked)).to.deep.equal(['sanne', 'noor', 'bram']);
    expect(ranked.map((entry) => entry.reasons)).to.deep.equal([
      [{ kind: 'lowCaseload', caseload: 30, cap: 60 }],
      [],
      [],
    ]);
  });

  it('keeps the given order for coaches with equal caseloads, without a caseload reason', () => {
    const ranked = rankCoaches([bram, sanne], { language: 'nl' }, {});
    expect(ids(ranked)).to.deep.equal(['bram', 'sanne']);
    expect(ranked.flatMap((entry) => entry.reasons)).to.deep.equal([]);
  });

  it('ignores a postcode that is not a Dutch postcode', () => {
    expect(postcodeDigits('0123 AB')).to.equal(undefined);
    expect(postcodeDigits('50761')).to.equal(undefined);
    expect(postcodeDigits('5076 A')).to.equal(undefined);
    expect(postcodeDigits('5076 AB')).to.equal(5076);
    expect(
      ids(rankCoaches([bram, sanne], { language: 'nl', postcode: 'onbekend' }, {})),
    ).to.deep.equal(['bram', 'sanne']);
  });
});
