import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

/** Retention per kind of data: defaults a privacy officer accepts, each one configurable. */
describe('retention settings', () => {
  it('keeps conversations, meetings and call-backs 30 days, the audit log a year', () => {
    const config = loadConfig({});
    expect(config.retention).to.deep.equal({
      conversationDays: 30,
      meetingDaysAfter: 30,
      callbackDays: 30,
    });
    expect(config.staff.auditRetentionDays).to.equal(365);
  });

  it('reads each from the environment', () => {
    const config = loadConfig({
      RETENTION_DAYS: '14',
      RETENTION_MEETING_DAYS_AFTER: '60',
      RETENTION_CALLBACK_DAYS: '7',
    });
    expect(config.retention).to.deep.equal({
      conversationDays: 14,
      meetingDaysAfter: 60,
      callbackDays: 7,
    });
  });

  it('refuses a retention of zero days or a word, naming the setting', () => {
    expect(() => loadConfig({ RETENTION_CALLBACK_DAYS: '0' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('RETENTION_CALLBACK_DAYS');
    expect(() => loadConfig({ RETENTION_MEETING_DAYS_AFTER: 'lang' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('RETENTION_MEETING_DAYS_AFTER');
  });
});
