import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAnswersFile } from '../../src/adapters/answersFile.js';
import { typicalMeetingMinutes } from '../../src/domain/questionAnswers.js';
import { projectRoot } from '../../src/paths.js';

describe("a municipality's answers file", () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'voordeur-answers-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const write = (name: string, content: string) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads the example file', async () => {
    const answers = await loadAnswersFile(join(projectRoot, 'infra', 'answers.example.json'));
    expect(answers.voluntary?.nl?.no).to.equal(
      'Nee, het gesprek zelf is niet verplicht. U kiest zelf of u komt.',
    );
    expect(answers.voluntary?.nl?.answer.join(' ')).to.include('De coach legt uit');
  });

  it('stops start-up with every problem, each with its path', async () => {
    const path = write(
      'broken.json',
      JSON.stringify({
        answers: {
          voluntary: { nl: { answer: [] }, fr: { answer: ['Non.'] } },
          weather: { nl: { answer: ['Zonnig.'] } },
        },
        extra: true,
      }),
    );
    const error = await loadAnswersFile(path).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).to.match(/^Answers file .*broken\.json has 4 problems:/);
    expect(error?.message).to.include('answers.voluntary.nl.answer:');
    expect(error?.message).to.include('answers.voluntary: Unrecognized key: "fr"');
    expect(error?.message).to.include('answers: Unrecognized key: "weather"');
    expect(error?.message).to.include('(top level): Unrecognized key: "extra"');
  });

  it('says so when the file is not JSON or not there', async () => {
    const notJson = write('not.json', '{ answers: ');
    await loadAnswersFile(notJson).then(
      () => expect.fail('should not load'),
      (e: Error) => expect(e.message).to.match(/is not valid JSON/),
    );
    await loadAnswersFile(join(folder, 'missing.json')).then(
      () => expect.fail('should not load'),
      (e: Error) => expect(e.message).to.match(/^Could not read answers file/),
    );
  });

  it('takes the most common meeting length from the coaches', () => {
    expect(
      typicalMeetingMinutes([
        { meetingMinutes: 45 },
        { meetingMinutes: 45 },
        { meetingMinutes: 60 },
      ]),
    ).to.equal(45);
    expect(typicalMeetingMinutes([{ meetingMinutes: 30 }, { meetingMinutes: 60 }])).to.equal(60);
    expect(typicalMeetingMinutes([])).to.equal(45);
  });
});
