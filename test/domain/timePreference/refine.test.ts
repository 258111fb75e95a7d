import { expect } from 'chai';
import { refinePreference } from '../../../src/domain/timePreference.js';

const afternoonBefore3 = { start: 720, end: 900 };
const nextWeek = { earliest: '2026-11-30', latest: '2026-12-06' };

describe('refinePreference: a later answer read with the earlier one', () => {
  it('adds a week to "dinsdagmiddag voor 3 uur"', () => {
    expect(refinePreference({ days: [2], times: [afternoonBefore3] }, nextWeek)).to.deep.equal({
      days: [2],
      times: [afternoonBefore3],
      ...nextWeek,
    });
  });
  it('replaces the day and keeps the time: "toch liever donderdag"', () => {
    expect(refinePreference({ days: [2], times: [afternoonBefore3] }, { days: [4] })).to.deep.equal(
      {
        days: [4],
        times: [afternoonBefore3],
      },
    );
  });
  it('replaces the time and keeps the day: "Dinsdag", then "voor 3 uur"', () => {
    expect(refinePreference({ days: [2] }, { times: [{ start: 0, end: 900 }] })).to.deep.equal({
      days: [2],
      times: [{ start: 0, end: 900 }],
    });
  });
  it('adds a day said no to, and takes it out of the days named', () => {
    expect(refinePreference({ days: [2, 3] }, { excludedDays: [3] })).to.deep.equal({ days: [2] });
    expect(refinePreference({ times: [afternoonBefore3] }, { excludedDays: [5] })).to.deep.equal({
      times: [afternoonBefore3],
      excludedDays: [5],
    });
  });
  it('turns an exact moment into a date and a start, so a new week replaces the date', () => {
    expect(refinePreference({ at: { date: '2026-11-24', minute: 600 } }, nextWeek)).to.deep.equal({
      starts: [600],
      ...nextWeek,
    });
  });
  it('keeps the option of a union that the new day names: "…of donderdagmiddag", then "donderdag"', () => {
    const union = {
      anyOf: [
        { days: [2 as const], times: [{ start: 480, end: 720 }] },
        { days: [4 as const], times: [{ start: 720, end: 1020 }] },
      ],
    };
    expect(refinePreference(union, { days: [4] })).to.deep.equal({
      anyOf: [{ days: [4], times: [{ start: 720, end: 1020 }] }],
    });
  });
});
