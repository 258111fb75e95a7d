import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/config.js';

const complete = {
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
  WHATSAPP_ACCESS_TOKEN: 'EAAtoken-secret-value',
  WHATSAPP_APP_SECRET: 'app-secret-value',
  WHATSAPP_VERIFY_TOKEN: 'verify-token-value',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('WhatsApp configuration', () => {
  it('is off when none of the four required settings is set (empty counts as unset)', () => {
    expect(loadConfig({}).whatsApp).to.equal(undefined);
    expect(
      loadConfig({
        WHATSAPP_PHONE_NUMBER_ID: '',
        WHATSAPP_ACCESS_TOKEN: '',
        WHATSAPP_APP_SECRET: '',
        WHATSAPP_VERIFY_TOKEN: '',
      }).whatsApp,
    ).to.equal(undefined);
  });

  it('is on with all four, with defaults for the rest', () => {
    expect(loadConfig(complete).whatsApp).to.deep.equal({
      phoneNumberId: '106540352242922',
      accessToken: 'EAAtoken-secret-value',
      appSecret: 'app-secret-value',
      verifyToken: 'verify-token-value',
      graphUrl: 'https://graph.facebook.com',
      graphVersion: 'v23.0',
      templates: {
        reminder: 'afspraak_herinnering',
        reengage: 'gesprek_hervatten',
        coachCancelled: 'afspraak_coach_kan_niet',
        lateConflict: 'afspraak_andere_tijd',
      },
      templateLanguages: loadConfig(complete).whatsApp?.templateLanguages,
      idKey: 'app-secret-value',
      recoveryIntervalSeconds: 30,
    });
    expect(loadConfig(complete).whatsApp?.templateLanguages).to.include({ nl: 'nl', en: 'en' });
  });

  it('fails listing exactly what is missing when only some are set', () => {
    const found = problems({
      WHATSAPP_PHONE_NUMBER_ID: complete.WHATSAPP_PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: complete.WHATSAPP_APP_SECRET,
    });
    expect(found).to.have.length(2);
    expect(found[0]).to.match(/^WHATSAPP_ACCESS_TOKEN: is missing/);
    expect(found[1]).to.match(/^WHATSAPP_VERIFY_TOKEN: is missing/);
  });

  it('never puts a secret in its messages', () => {
    const found = problems({
      ...complete,
      WHATSAPP_PHONE_NUMBER_ID: 'not-digits',
      WHATSAPP_ID_KEY: 'short',
    });
    expect(found.length).to.be.greaterThan(0);
    for (const secret of Object.values(complete).slice(1)) {
      expect(found.join('\n')).not.to.include(secret);
    }
    expect(found.join('\n')).not.to.include('short');
  });

  it('takes template names and per-language template codes', () => {
    const config = loadConfig({
      ...complete,
      WHATSAPP_TEMPLATE_REMINDER: 'herinnering_v2',
      WHATSAPP_TEMPLATE_LANGUAGES: 'en=en_GB',
      WHATSAPP_ID_KEY: 'a-separate-key-of-32-characters!',
    }).whatsApp;
    expect(config?.templates.reminder).to.equal('herinnering_v2');
    expect(config?.templateLanguages).to.include({ nl: 'nl', en: 'en_GB' });
    expect(config?.idKey).to.equal('a-separate-key-of-32-characters!');
    expect(problems({ ...complete, WHATSAPP_TEMPLATE_LANGUAGES: 'xx=nl' })).to.have.length(1);
    expect(problems({ ...complete, WHATSAPP_TEMPLATE_REMINDER: 'Not A Name' })).to.have.length(1);
  });

  it('sends the access token over https only, except to a stand-in on loopback', () => {
    expect(problems({ ...complete, WHATSAPP_GRAPH_URL: 'http://graph.example.org' })[0]).to.match(
      /^WHATSAPP_GRAPH_URL: must be https/,
    );
    expect(
      loadConfig({ ...complete, WHATSAPP_GRAPH_URL: 'http://127.0.0.1:8080' }).whatsApp?.graphUrl,
    ).to.equal('http://127.0.0.1:8080');
  });
});
