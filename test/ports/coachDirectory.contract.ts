import { expect } from 'chai';
import { coachSchema, type Coach, type CoachInput } from '../../src/domain/coach.js';
import type { CoachDirectory } from '../../src/ports/coaches.js';

export interface CoachDirectoryUnderTest {
  directory: CoachDirectory;
  cleanup(): Promise<void>;
}

export function coach(id: string, overrides: Partial<CoachInput> = {}): Coach {
  return coachSchema.parse({
    id,
    name: id[0]?.toUpperCase() + id.slice(1),
    photoUrl: `/coaches/${id}.svg`,
    intro: { nl: `Ik ben ${id}.`, en: `I am ${id}.` },
    languages: ['nl'],
    areas: { postcodes: [{ from: 5076, to: 5076 }], places: ['Haaren'] },
    places: [{ id: 'den-domp', name: 'Den Domp', address: 'Kerkstraat 2, 5076 AB Haaren' }],
    forms: ['location', 'phone'],
    workingHours: { '1': [{ start: '09:00', end: '12:30' }] },
    caseload: 40,
    ...overrides,
  });
}

/** The behaviour every {@link CoachDirectory} must have, given the coaches it starts with. */
export function coachDirectoryContract(
  name: string,
  makeDirectory: (coaches: Coach[]) => Promise<CoachDirectoryUnderTest>,
): void {
  describe(`${name} (CoachDirectory contract)`, () => {
    let subject: CoachDirectoryUnderTest | undefined;
    const make = async (coaches: Coach[]) => {
      subject = await makeDirectory(coaches);
      return subject.directory;
    };
    afterEach(async () => {
      await subject?.cleanup();
      subject = undefined;
    });

    it('lists every coach exactly as given, in a stable order (by id)', async () => {
      const samir = coach('samir', { languages: ['nl', 'ar', 'en'], forms: ['video'] });
      const directory = await make([samir, coach('joyce'), coach('elke')]);
      const listed = await directory.list();
      expect(listed.map((c) => c.id)).to.deep.equal(['elke', 'joyce', 'samir']);
      expect(listed[2]).to.deep.equal(samir);
      expect(await directory.list()).to.deep.equal(listed);
    });

    it('finds a coach by id, and nothing for an unknown id', async () => {
      const directory = await make([coach('elke'), coach('joyce')]);
      expect(await directory.get('joyce')).to.deep.equal(coach('joyce'));
      expect(await directory.get('nobody')).to.equal(undefined);
    });

    it('lists nothing when there are no coaches', async () => {
      const directory = await make([]);
      expect(await directory.list()).to.deep.equal([]);
      expect(await directory.get('elke')).to.equal(undefined);
    });

    it('hands out copies, so a caller cannot change the directory', async () => {
      const directory = await make([coach('elke')]);
      const [listed] = await directory.list();
      listed?.languages.push('xx');
      const got = await directory.get('elke');
      if (got) got.name = 'changed';
      expect(await directory.get('elke')).to.deep.equal(coach('elke'));
    });
  });
}
