/**
 * infra/main.json's app settings against src/config.ts: the names are the ones the app reads, the
 * app starts with them, and no secret is in them. Azure cannot run here, so the template is
 * evaluated by test/infra/armTemplate.ts the way Resource Manager evaluates it.
 */
import { expect } from 'chai';
import type * as z from 'zod';
import { entraRequired, envSchema, loadConfig, whatsAppRequired } from '../../src/config.js';
import { readTemplate } from './armTemplate.js';
import { Deployment, everythingOn, keyVaultReference, minimal } from './deployment.js';

/** Settings the platform or its SDKs read, not src/config.ts. */
const platformSettings = {
  AZURE_CLIENT_ID: 'DefaultAzureCredential picks the user-assigned identity by it',
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service builds with npm on deployment',
};

const schemaNames = Object.keys(envSchema.shape);

/** A name whose value would be a credential. */
const secretName = /SECRET|TOKEN|PASSWORD|_KEY$/;

describe('infra/main.json app settings', () => {
  it('sets only names src/config.ts reads (or the platform reads)', () => {
    for (const parameters of [minimal, everythingOn]) {
      for (const name of Object.keys(new Deployment(parameters).appSettings())) {
        expect(
          schemaNames.includes(name) || name in platformSettings,
          `${name} is read by nobody`,
        ).to.equal(true);
      }
    }
  });

  it('sets every setting that src/config.ts requires without a default', () => {
    const required = Object.entries(envSchema.shape)
      .filter(([, schema]) => !(schema as z.ZodType).safeParse(undefined).success)
      .map(([name]) => name);
    const settings = new Deployment(minimal).appSettings();
    for (const name of required) expect(settings, name).to.have.property(name);
  });

  it('starts the app in Azure mode with the least parameters', () => {
    const deployment = new Deployment(minimal);
    const config = loadConfig(deployment.environment());
    const identity = deployment.evaluate("[reference('identity')]") as Record<string, string>;
    expect(config.cosmos).to.deep.include({
      kind: 'azure',
      endpoint: 'https://haaren-cosmos.documents.azure.com:443/',
      key: undefined,
    });
    expect(config.botAuth).to.deep.include({
      appType: 'UserAssignedMSI',
      appId: identity.clientId,
      tenantId: identity.tenantId,
    });
    expect(config.directLineLocal).to.equal(false);
    expect(config.http.host).to.equal('0.0.0.0');
    expect(config.publicBaseUrl).to.equal('https://haaren-app.azurewebsites.net/');
    expect(config.telemetry.appInsightsConnectionString).to.match(/^InstrumentationKey=/);
    expect(config.telemetry.appInsightsAuth).to.equal('entra');
    expect(config.telemetry.metricsEndpoint).to.equal(false);
    expect(config.whatsApp).to.equal(undefined);
    expect(config.staff.entra).to.equal(undefined);
    expect(config.staff.localLogin).to.equal(false);
    expect(config.calendars.graph).to.equal(undefined);
  });

  it('switches on WhatsApp, the staff login, Graph and CalDAV when their parameters are given', () => {
    const deployment = new Deployment(everythingOn);
    const settings = deployment.appSettings();
    for (const name of [...whatsAppRequired, ...entraRequired, 'PUBLIC_BASE_URL']) {
      expect(settings[name], name).to.be.a('string').and.not.equal('');
    }
    const config = loadConfig(deployment.environment());
    expect(config.whatsApp).to.deep.include({
      phoneNumberId: '123456789012345',
      accessToken: 'wa-token-example',
      appSecret: 'wa-app-secret-example',
      verifyToken: 'wa-verify-example',
    });
    expect(config.staff.entra).to.deep.include({
      tenantId: everythingOn.entraTenantId,
      clientId: everythingOn.entraClientId,
      clientSecret: 'entra-secret-example',
    });
    expect(config.calendars.graph?.credentials).to.deep.equal({
      kind: 'clientSecret',
      tenantId: everythingOn.graphTenantId,
      clientId: everythingOn.graphClientId,
      clientSecret: 'graph-secret-example',
    });
    expect(config.calendars.caldav.credentials).to.deep.equal({
      username: 'voordeur',
      password: 'caldav-password-example',
    });
  });

  it('gives Graph the app identity when graphUseManagedIdentity is set', () => {
    const deployment = new Deployment({
      ...minimal,
      graphTenantId: everythingOn.graphTenantId ?? '',
      graphUseManagedIdentity: true,
    });
    const identity = deployment.evaluate("[reference('identity')]") as Record<string, string>;
    expect(loadConfig(deployment.environment()).calendars.graph?.credentials).to.deep.equal({
      kind: 'managedIdentity',
      clientId: identity.clientId,
    });
  });

  it('holds no secret: credentials are Key Vault references, secure parameters go only to Key Vault', () => {
    const template = readTemplate();
    const secureParameters = Object.entries(template.parameters)
      .filter(([, spec]) => spec.type.toLowerCase().startsWith('secure'))
      .map(([name]) => name);
    expect(secureParameters).to.include.members([
      'whatsAppAccessToken',
      'entraClientSecret',
      'graphClientSecret',
    ]);
    const deployment = new Deployment(everythingOn);
    const settings = deployment.appSettings();
    const secretValues = secureParameters.map((name) => String(everythingOn[name]));
    for (const [name, value] of Object.entries(settings)) {
      expect(secretValues, `${name} holds a secure parameter`).not.to.include(value);
      if (secretName.test(name)) {
        expect(value, `${name} must be a Key Vault reference`).to.match(keyVaultReference);
      }
    }
    expect(settings).not.to.have.property('COSMOS_KEY');
    expect(settings).not.to.have.property('MicrosoftAppPassword');
    // Listing keys would put a key into the template's outputs or settings.
    expect(JSON.stringify(template)).not.to.match(/list(Keys|Secrets|ConnectionStrings)\(/i);
    // Secure parameters are only written into Key Vault secrets.
    for (const [symbolicName, resource] of Object.entries(template.resources)) {
      const uses = secureParameters.filter((name) =>
        JSON.stringify(resource.properties ?? {}).includes(`parameters('${name}')`),
      );
      if (resource.type === 'Microsoft.KeyVault/vaults/secrets') continue;
      for (const name of uses) {
        // Only as the condition of a Key Vault reference: empty(parameters('x')).
        const bare = JSON.stringify(resource.properties).replaceAll(
          `empty(parameters('${name}'))`,
          '',
        );
        expect(bare, `${symbolicName} uses ${name} outside empty()`).not.to.include(
          `parameters('${name}')`,
        );
      }
    }
    for (const [name, output] of Object.entries(template.outputs)) {
      for (const secure of secureParameters) {
        expect(output.value, `output ${name}`).not.to.include(secure);
      }
    }
  });

  it('leaves a credential unset (not a dangling reference) when its parameter is empty', () => {
    const settings = new Deployment(minimal).appSettings();
    for (const [name, value] of Object.entries(settings)) {
      if (secretName.test(name)) expect(value, name).to.equal('');
    }
  });

  it('refers only to its own Key Vault, through the app identity', () => {
    const deployment = new Deployment(everythingOn);
    const vaultUri = (deployment.evaluate("[reference('vault')]") as { vaultUri: string }).vaultUri;
    const references = Object.values(deployment.appSettings())
      .map((value) => keyVaultReference.exec(value))
      .filter((match) => match !== null);
    expect(references).to.have.length(6);
    for (const reference of references) expect(reference[1]).to.equal(vaultUri);
    const app = deployment.properties('app');
    expect(app.keyVaultReferenceIdentity).to.equal(
      deployment.evaluate(
        "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('{0}-id', parameters('name')))]",
      ),
    );
    const identity = deployment.evaluate(deployment.resource('app').identity ?? null) as {
      type: string;
      userAssignedIdentities: Record<string, unknown>;
    };
    expect(identity.type).to.equal('UserAssigned');
    expect(Object.keys(identity.userAssignedIdentities)).to.deep.equal([
      app.keyVaultReferenceIdentity,
    ]);
  });
});
