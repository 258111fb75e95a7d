/**
 * One deployment of infra/main.json, evaluated: the app settings App Service would hold, the
 * environment the app would then see (Key Vault references resolved), and the resources.
 */
import { ArmEvaluator, readTemplate, type ArmResource, type Json } from './armTemplate.js';

/** Every parameter given, as a municipality with all features would deploy. */
export const everythingOn: Record<string, Json> = {
  name: 'haaren',
  municipalityName: 'gemeente Haaren',
  whatsAppPhoneNumberId: '123456789012345',
  whatsAppAccessToken: 'wa-token-example',
  whatsAppAppSecret: 'wa-app-secret-example',
  whatsAppVerifyToken: 'wa-verify-example',
  entraTenantId: '55555555-5555-4555-8555-555555555555',
  entraClientId: '66666666-6666-4666-8666-666666666666',
  entraClientSecret: 'entra-secret-example',
  graphTenantId: '55555555-5555-4555-8555-555555555555',
  graphClientId: '77777777-7777-4777-8777-777777777777',
  graphClientSecret: 'graph-secret-example',
  caldavUsername: 'voordeur',
  caldavPassword: 'caldav-password-example',
};

/** Only the required parameter: no WhatsApp, no staff login, no coach calendars. */
export const minimal: Record<string, Json> = { name: 'haaren' };

export const keyVaultReference =
  /^@Microsoft\.KeyVault\(SecretUri=(https:\/\/[a-z0-9-]+\.vault\.azure\.net\/)secrets\/([a-z0-9-]+)\)$/;

export class Deployment {
  readonly arm: ArmEvaluator;

  constructor(readonly parameters: Record<string, Json>) {
    this.arm = new ArmEvaluator(readTemplate(), parameters);
  }

  resource(symbolicName: string): ArmResource {
    const resource = this.arm.template.resources[symbolicName];
    if (!resource) throw new Error(`main.json has no resource ${symbolicName}`);
    return resource;
  }

  /** A resource's evaluated properties (with `copyIndex()` for one element of a loop). */
  properties(symbolicName: string, copyIndex?: number): Record<string, Json> {
    return this.arm.value(this.resource(symbolicName).properties ?? {}, copyIndex) as Record<
      string,
      Json
    >;
  }

  evaluate(value: Json): Json {
    return this.arm.value(value);
  }

  /** The symbolic names of resources of a type that this deployment deploys. */
  deployedOfType(type: string): string[] {
    return Object.entries(this.arm.template.resources)
      .filter(([, resource]) => resource.type === type && this.arm.deployed(resource))
      .map(([symbolicName]) => symbolicName);
  }

  /** The site's app settings as App Service stores them. */
  appSettings(): Record<string, string> {
    const siteConfig = this.properties('app').siteConfig as { appSettings: Json[] };
    const settings: Record<string, string> = {};
    for (const setting of siteConfig.appSettings as { name: string; value: Json }[]) {
      if (setting.name in settings) throw new Error(`app setting ${setting.name} set twice`);
      if (typeof setting.value !== 'string') {
        throw new Error(`app setting ${setting.name} is not a string`);
      }
      settings[setting.name] = setting.value;
    }
    return settings;
  }

  /**
   * The environment the app sees: App Service replaces each Key Vault reference with the
   * secret's value, which is the parameter the secret resource was written from.
   */
  environment(): Record<string, string> {
    const secrets = new Map<string, string>();
    for (const symbolicName of this.deployedOfType('Microsoft.KeyVault/vaults/secrets')) {
      const resource = this.resource(symbolicName);
      const name = String(this.evaluate(resource.name)).split('/')[1] ?? '';
      secrets.set(name, String(this.properties(symbolicName).value));
    }
    return Object.fromEntries(
      Object.entries(this.appSettings()).map(([name, value]) => {
        const reference = keyVaultReference.exec(value);
        if (!reference) return [name, value];
        const secret = secrets.get(reference[2] ?? '');
        if (secret === undefined) {
          throw new Error(
            `${name} refers to Key Vault secret ${reference[2]}, which is not deployed`,
          );
        }
        return [name, secret];
      }),
    );
  }
}
