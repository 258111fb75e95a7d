import { expect } from 'chai';
import { closureDays } from '../../src/domain/closureDays.js';

const publicHolidays2026 = [
  '2026-01-01', // Nieuwjaar
  '2026-04-05', // Pasen
  '2026-04-06', // Tweede paasdag
  '2026-04-27', // Koningsdag (Monday)
  '2026-05-14', // Hemelvaartsdag
  '2026-05-24', // Pinksteren
  '2026-05-25', // Tweede pinksterdag
  '2026-12-25', // Kerstmis
  '2026-12-26', // Tweede kerstdag
];

const publicHolidays2027 = [
  '2027-01-01',
  '2027-03-28', // Pasen — also the night the clocks go forward
  '2027-03-29',
  '2027-04-27', // Koningsdag (Tuesday)
  '2027-05-06', // Hemelvaartsdag
  '2027-05-16',
  '2027-05-17',
  '2027-12-25',
  '2027-12-26',
];

describe('closureDays', () => {
  it('closes on exactly the Dutch public holidays of 2026 by default', () => {
    expect([...closureDays({ years: [2026] })].sort()).to.deep.equal(publicHolidays2026);
  });

  it('closes on exactly the Dutch public holidays of 2027 by default', () => {
    expect([...closureDays({ years: [2027] })].sort()).to.deep.equal(publicHolidays2027);
  });

  it('covers several years at once, for a horizon across New Year', () => {
    const closed = closureDays({ years: [2026, 2027] });
    expect([...closed].sort()).to.deep.equal([...publicHolidays2026, ...publicHolidays2027]);
  });

  it('puts Koningsdag on Monday 27 April 2026 and Tuesday 27 April 2027', () => {
    expect(new Date('2026-04-27T12:00:00Z').getUTCDay()).to.equal(1);
    expect(new Date('2027-04-27T12:00:00Z').getUTCDay()).to.equal(2);
    expect(closureDays({ years: [2026, 2027] })).to.include.all.keys('2026-04-27', '2027-04-27');
  });

  it('stays open on Goede Vrijdag unless configured', () => {
    expect(closureDays({ years: [2026] }).has('2026-04-03')).to.equal(false);
    const closed = closureDays({ years: [2026, 2027], closedOn: { goodFriday: true } });
    expect(closed.has('2026-04-03')).to.equal(true);
    expect(closed.has('2027-03-26')).to.equal(true);
  });

  it('closes on Bevrijdingsdag only in lustrum years by default', () => {
    const closed = closureDays({ years: [2025, 2026, 2027, 2030] });
    expect(closed.has('2025-05-05')).to.equal(true);
    expect(closed.has('2026-05-05')).to.equal(false);
    expect(closed.has('2027-05-05')).to.equal(false);
    expect(closed.has('2030-05-05')).to.equal(true);
  });

  it('closes on Bevrijdingsdag every year or never when configured so', () => {
    const always = closureDays({ years: [2026], closedOn: { liberationDay: true } });
    expect(always.has('2026-05-05')).to.equal(true);
    const never = closureDays({ years: [2025], closedOn: { liberationDay: false } });
    expect(never.has('2025-05-05')).to.equal(false);
  });

  it('never closes on observances such as Dodenherdenking, Prinsjesdag or Oudejaarsdag', () => {
    const closed = closureDays({ years: [2026] });
    for (const date of ['2026-05-04', '2026-09-15', '2026-12-05', '2026-12-31']) {
      expect(closed.has(date), date).to.equal(false);
    }
  });

  it('adds configured extra dates, such as the days between Christmas and New Year', () => {
    const between = ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'];
    const closed = closureDays({ years: [2026], extraDates: between });
    expect(closed).to.include.all.keys(...between, '2026-12-25', '2026-12-26');
    expect(closed.size).to.equal(publicHolidays2026.length + between.length);
  });

  it('rejects an extra date that is not a real ISO date', () => {
    expect(() => closureDays({ years: [2026], extraDates: ['2026-02-30'] })).to.throw(RangeError);
    expect(() => closureDays({ years: [2026], extraDates: ['28-12-2026'] })).to.throw(RangeError);
  });
});
