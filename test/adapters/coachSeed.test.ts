import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadCoachSeed } from '../../src/adapters/coachSeed.js';

const example = 'infra/coaches.example.json';

describe('loadCoachSeed', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vd-seed-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function seedFile(name: string, content: unknown): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  async function failure(file: string): Promise<string> {
    const error = await loadCoachSeed(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error);
    return (error as Error).message;
  }

  it('reads the shipped example: three coaches with Dutch and English intros', async () => {
    const coaches = await loadCoachSeed(example);
    expect(coaches.map((c) => c.id)).to.deep.equal(['elke', 'samir', 'joyce']);
    for (const c of coaches) {
      expect(c.photoUrl).to.equal(`/coaches/${c.id}.svg`);
      expect(c.meetingMinutes).to.equal(45);
      expect(c.bufferMinutes).to.equal(15);
      expect(c.caseload).to.be.within(40, 55);
      expect(c.caseload).to.be.below(c.caseloadCap);
      for (const language of ['nl', 'en']) {
        const intro = c.intro[language] ?? '';
        expect(intro.split(/\s+/).length, `${c.id} ${language}`).to.be.within(1, 15);
      }
    }
    const samir = coaches.find((c) => c.id === 'samir');
    expect(samir?.languages).to.include.members(['ar', 'en']);
    // Working hours arrive as minutes after midnight: Monday 09:00-12:30 is 540-750.
    expect(coaches[0]?.workingHours['1']?.[0]).to.deep.equal({ start: 540, end: 750 });
  });

  it('lists every problem of a broken seed, each with its JSON path and the file name', async () => {
    const [elke] = JSON.parse(await readFile(example, 'utf8')).coaches;
    const broken = {
      coaches: [
        { ...elke, id: 'Elke!', intro: { en: 'Only English' } },
        {
          ...elke,
          id: 'tweede',
          forms: ['fiets'],
          workingHours: { '1': [{ start: '12:30', end: '09:00' }] },
          caseLoad: 3,
        },
      ],
    };
    const file = await seedFile('broken.json', broken);
    const message = await failure(file);
    expect(message)
      .to.contain(file)
      .and.match(/has 5 problems/);
    for (const path of [
      'coaches[0].id:',
      'coaches[0].intro.nl:',
      'coaches[1].forms[0]:',
      'coaches[1].workingHours["1"][0]:',
      'coaches[1]: Unrecognized key: "caseLoad"',
    ]) {
      expect(message).to.contain(path);
    }
  });

  it("reads each coach's calendar: Microsoft 365 by mailbox, CalDAV by URL, or absent for Voordeur's own", async () => {
    const [elke, samir, joyce] = JSON.parse(await readFile(example, 'utf8')).coaches;
    const file = await seedFile('calendars.json', {
      coaches: [
        { ...elke, calendar: { provider: 'graph', mailbox: 'elke@gemeente-voorbeeld.nl' } },
        { ...samir, calendar: { provider: 'caldav', url: 'https://cloud.example.nl/dav/samir' } },
        joyce,
      ],
    });
    const coaches = await loadCoachSeed(file);
    expect(coaches.map((c) => c.calendar)).to.deep.equal([
      { provider: 'graph', mailbox: 'elke@gemeente-voorbeeld.nl' },
      // A collection URL always ends in a slash, so event names resolve inside it.
      { provider: 'caldav', url: 'https://cloud.example.nl/dav/samir/' },
      undefined,
    ]);
  });

  it('stops start-up on a bad calendar entry, naming the coach and the field', async () => {
    const [elke, samir, joyce] = JSON.parse(await readFile(example, 'utf8')).coaches;
    const file = await seedFile('bad-calendars.json', {
      coaches: [
        { ...elke, calendar: { provider: 'graph', mailbox: 'Elke' } },
        { ...samir, calendar: { provider: 'caldav', url: 'http://cloud.example.nl/dav/samir/' } },
        { ...joyce, calendar: { provider: 'google', calendarId: 'x' } },
      ],
    });
    const message = await failure(file);
    expect(message).to.match(/has 3 problems/);
    expect(message)
      .to.contain('coaches[0].calendar.mailbox: must be the mailbox address')
      .and.contain('(coach "elke")');
    expect(message)
      .to.contain('coaches[1].calendar.url: must be https')
      .and.contain('(coach "samir")');
    expect(message).to.contain('coaches[2].calendar.provider:').and.contain('(coach "joyce")');
  });

  it('keeps passwords out of the coaches file', async () => {
    const [elke] = JSON.parse(await readFile(example, 'utf8')).coaches;
    const file = await seedFile('password.json', {
      coaches: [
        {
          ...elke,
          calendar: { provider: 'caldav', url: 'https://elke:geheim@cloud.example.nl/dav/' },
        },
      ],
    });
    expect(await failure(file)).to.contain(
      'coaches[0].calendar.url: must not carry a user name or password',
    );
  });

  it('refuses two coaches with one id', async () => {
    const { coaches } = JSON.parse(await readFile(example, 'utf8'));
    const file = await seedFile('twice.json', { coaches: [...coaches, coaches[0]] });
    expect(await failure(file)).to.contain('coaches[3].id: duplicate id "elke" (also coaches[0])');
  });

  it('names the file when it is missing, empty of coaches or not JSON', async () => {
    const missing = path.join(dir, 'missing.json');
    expect(await failure(missing)).to.contain(missing);
    const empty = await seedFile('empty.json', { coaches: [] });
    expect(await failure(empty))
      .to.contain(empty)
      .and.contain('coaches:');
    const notJson = await seedFile('not.json', '{ "coaches": [ ');
    expect(await failure(notJson))
      .to.contain(notJson)
      .and.contain('not valid JSON');
  });
});
