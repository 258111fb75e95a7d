import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const entra = {
  ENTRA_TENANT_ID: 'contoso.onmicrosoft.com',
  ENTRA_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  ENTRA_CLIENT_SECRET: 'secret',
};

describe('staff pages configuration', () => {
  it('turns the local login on only in local mode on loopback, and off when Entra is configured', () => {
    expect(loadConfig({}).staff.localLogin).to.equal(true);
    expect(loadConfig({ ...entra }).staff.localLogin).to.equal(false);
    expect(
      loadConfig({
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'pw',
        HOST: '0.0.0.0',
        PUBLIC_BASE_URL: 'https://v.example.nl',
      }).staff.localLogin,
    ).to.equal(false);
  });

  it('refuses the local login on a server reachable from outside, or with a bot identity', () => {
    expect(
      problems({
        STAFF_LOCAL_LOGIN: 'true',
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'pw',
        HOST: '0.0.0.0',
      }).join('\n'),
    ).to.match(/STAFF_LOCAL_LOGIN: the local staff login has no password/);
    expect(
      problems({ STAFF_LOCAL_LOGIN: 'true', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }),
    ).to.have.length(1);
  });

  it('needs all three Entra settings or none, and https for the authority except on loopback', () => {
    expect(problems({ ENTRA_TENANT_ID: 't' }).join('\n')).to.match(/ENTRA_CLIENT_ID: is missing/);
    expect(
      problems({ ...entra, ENTRA_AUTHORITY: 'http://login.example.com/t/v2.0' }).join('\n'),
    ).to.match(/ENTRA_AUTHORITY: must be https/);
    expect(problems({ ...entra, ENTRA_AUTHORITY: 'http://127.0.0.1:9999/t/v2.0' })).to.deep.equal(
      [],
    );
  });

  it('derives the Entra authority from the tenant, and reads the session and retention settings', () => {
    const config = loadConfig({
      ...entra,
      STAFF_SESSION_HOURS: '4',
      AUDIT_RETENTION_DAYS: '730',
      FUNNEL_RETENTION_DAYS: '1095',
    });
    expect(config.staff.entra?.authority).to.equal(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
    );
    expect(config.staff).to.include({
      sessionHours: 4,
      auditRetentionDays: 730,
      funnelRetentionDays: 1095,
    });
    expect(problems({ STAFF_SESSION_HOURS: '48' }).join('\n')).to.match(/STAFF_SESSION_HOURS/);
  });

  it('needs PUBLIC_BASE_URL for the Entra redirect URI when not on loopback', () => {
    expect(
      problems({
        ...entra,
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'pw',
        HOST: '0.0.0.0',
      }).join('\n'),
    ).to.match(/PUBLIC_BASE_URL: is required for the Entra ID staff login/);
  });
});
