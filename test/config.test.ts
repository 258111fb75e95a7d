import { expect } from 'chai';
import { ConfigError, isLoopback, loadConfig } from '../src/config.js';

describe('config', () => {
  it('runs locally on its embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.http).to.deep.equal({ port: 3978, host: '127.0.0.1' });
    expect(config.botAuth).to.equal(undefined);
    expect(config.directLineLocal).to.equal(true);
    expect(config.cosmos).to.deep.equal({ kind: 'embedded', database: 'voordeur' });
    expect(config.retention.conversationDays).to.equal(30);
  });

  it('reads Azure settings when they are given', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
      COSMOS_ENDPOINT: 'https://voordeur.documents.azure.com:443/',
      COSMOS_DATABASE: 'front-door',
    });
    expect(config.http).to.deep.equal({ port: 8080, host: '0.0.0.0' });
    expect(config.botAuth?.appType).to.equal('UserAssignedMSI');
    expect(config.directLineLocal).to.equal(false);
    expect(config.cosmos).to.deep.equal({
      kind: 'azure',
      endpoint: 'https://voordeur.documents.azure.com:443/',
      key: undefined,
      database: 'front-door',
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ MicrosoftAppId: '', COSMOS_ENDPOINT: '', PRIVACY_URL: '' });
    expect(config.botAuth).to.equal(undefined);
    expect(config.cosmos.kind).to.equal('embedded');
  });

  it('refuses to bind beyond loopback without bot authentication', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/HOST: without MicrosoftAppId .* only binds to loopback/);
  });

  it('lists every problem at once', () => {
    const problems = configErrorOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      BRAND_COLOR: 'blue',
      COSMOS_KEY: 'secret',
      MicrosoftAppId: 'app',
      MicrosoftAppType: 'SingleTenant',
    }).problems.join('\n');
    // The cross-field rules run only once every single field is valid; zod reports field errors first.
    for (const name of ['PORT', 'LOG_LEVEL', 'BRAND_COLOR']) expect(problems).to.include(name);
  });

  it('checks cross-field rules', () => {
    const problems = configErrorOf({
      COSMOS_KEY: 'secret',
      MicrosoftAppId: 'app',
      MicrosoftAppType: 'SingleTenant',
      DIRECTLINE_LOCAL: 'true',
    }).problems.join('\n');
    expect(problems).to.include('COSMOS_KEY: is set but COSMOS_ENDPOINT is not');
    expect(problems).to.include(
      'MicrosoftAppPassword: is required for MicrosoftAppType SingleTenant',
    );
    expect(problems).to.include(
      'MicrosoftAppTenantId: is required for MicrosoftAppType SingleTenant',
    );
    expect(problems).to.include('DIRECTLINE_LOCAL');
  });

  it('never echoes secret values in its errors', () => {
    const { message } = configErrorOf({
      COSMOS_KEY: 'super-secret-key',
      MicrosoftAppPassword: 'p@ss',
      PORT: '-1',
    });
    expect(message).to.include('PORT');
    expect(message).not.to.include('super-secret-key');
    expect(message).not.to.include('p@ss');
  });

  it('knows loopback addresses', () => {
    expect(
      ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', 'localhost'].every(isLoopback),
    ).to.equal(true);
    expect(['0.0.0.0', '10.0.0.1', '::', 'example.org'].some(isLoopback)).to.equal(false);
  });
});

describe("config for coaches' calendars", () => {
  it("needs nothing: every coach uses Voordeur's own calendar", () => {
    expect(loadConfig({}).calendars).to.deep.equal({
      graph: undefined,
      caldav: { credentials: undefined },
    });
  });

  it('reads Microsoft Graph with a client secret, or with a managed identity', () => {
    const secret = loadConfig({
      GRAPH_TENANT_ID: 'tenant',
      GRAPH_CLIENT_ID: 'app',
      GRAPH_CLIENT_SECRET: 'secret',
    }).calendars.graph;
    expect(secret).to.deep.equal({
      credentials: {
        kind: 'clientSecret',
        tenantId: 'tenant',
        clientId: 'app',
        clientSecret: 'secret',
      },
      baseUrl: 'https://graph.microsoft.com',
    });
    const identity = loadConfig({ GRAPH_MANAGED_IDENTITY: 'true', GRAPH_CLIENT_ID: 'uami' })
      .calendars.graph;
    expect(identity?.credentials).to.deep.equal({ kind: 'managedIdentity', clientId: 'uami' });
  });

  it('names what is missing, and keeps secrets out of its errors', () => {
    const { message } = configErrorOf({
      GRAPH_CLIENT_SECRET: 'graph-geheim',
      GRAPH_BASE_URL: 'http://graph.example.nl',
      CALDAV_USERNAME: 'voordeur',
    });
    for (const part of [
      'GRAPH_TENANT_ID',
      'GRAPH_CLIENT_ID',
      'GRAPH_BASE_URL: must be https',
      'CALDAV_PASSWORD',
    ]) {
      expect(message).to.include(part);
    }
    expect(message).not.to.include('graph-geheim');
    expect(configErrorOf({ GRAPH_TENANT_ID: 'tenant' }).message).to.include(
      'GRAPH_CLIENT_SECRET: is missing',
    );
  });

  it('reads CalDAV credentials as a pair', () => {
    expect(
      loadConfig({ CALDAV_USERNAME: 'voordeur', CALDAV_PASSWORD: 'pw' }).calendars.caldav,
    ).to.deep.equal({ credentials: { username: 'voordeur', password: 'pw' } });
  });
});

describe('config for planning', () => {
  it('has sensible defaults', () => {
    const { planning } = loadConfig({});
    expect(planning).to.deep.equal({
      coachesFile: 'infra/coaches.example.json',
      minNoticeMinutes: 24 * 60,
      horizonDays: 28,
      closureDates: [],
      closedOn: { goodFriday: false, liberationDay: 'lustrum' },
    });
  });

  it('reads closure dates and days off', () => {
    const { planning } = loadConfig({
      CLOSURE_DATES: '2026-12-28, 2026-12-29,2026-12-30',
      CLOSED_ON_GOOD_FRIDAY: 'true',
      CLOSED_ON_LIBERATION_DAY: 'always',
      MIN_NOTICE_HOURS: '2.5',
    });
    expect(planning.closureDates).to.deep.equal(['2026-12-28', '2026-12-29', '2026-12-30']);
    expect(planning.closedOn).to.deep.equal({ goodFriday: true, liberationDay: true });
    expect(planning.minNoticeMinutes).to.equal(150);
  });

  it('names a closure date that is not a date', () => {
    expect(() => loadConfig({ CLOSURE_DATES: '2026-12-28,28-12-2026' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/CLOSURE_DATES.*ISO dates/);
  });
});

/** The ConfigError that `env` must cause; fails the test when loading succeeds or throws anything else. */
function configErrorOf(env: Record<string, string>): ConfigError {
  let thrown: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).to.be.instanceOf(ConfigError);
  return thrown as ConfigError;
}

describe("config for reading the coaches' calendars back", () => {
  it('checks every 10 minutes by default, and 0 switches it off', () => {
    expect(loadConfig({}).outbox.coachCalendarPollMinutes).to.equal(10);
    expect(
      loadConfig({ COACH_CALENDAR_POLL_MINUTES: '0' }).outbox.coachCalendarPollMinutes,
    ).to.equal(0);
    expect(
      loadConfig({ COACH_CALENDAR_POLL_MINUTES: '30' }).outbox.coachCalendarPollMinutes,
    ).to.equal(30);
  });

  it('names a poll interval that is not a whole number of minutes up to a day', () => {
    for (const value of ['-1', '2.5', 'tien', '1441']) {
      expect(configErrorOf({ COACH_CALENDAR_POLL_MINUTES: value }).problems.join('\n')).to.match(
        /^COACH_CALENDAR_POLL_MINUTES: /m,
      );
    }
  });
});
