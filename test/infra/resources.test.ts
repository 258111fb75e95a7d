/**
 * infra/main.json's resources: Cosmos DB matches the code's containers, the site is locked down,
 * identities get the least roles they need, and logs and traces reach Log Analytics.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { containerSpecs } from '../../src/adapters/cosmos/cosmosSchema.js';
import { BOT_FRAMEWORK_PATH } from '../../src/channels/botFramework/botFrameworkChannel.js';
import { createServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import type { Json } from './armTemplate.js';
import { Deployment, everythingOn, minimal } from './deployment.js';

const cosmosDataContributor = '00000000-0000-0000-0000-000000000002';
const keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6';
const monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb';

function resourceId(deployment: Deployment, symbolicName: string): string {
  const resource = deployment.resource(symbolicName);
  const name = deployment.evaluate(resource.name);
  return String(deployment.evaluate(`[resourceId('${resource.type}', '${String(name)}')]`));
}

function identityOf(deployment: Deployment) {
  return deployment.evaluate("[reference('identity')]") as Record<string, string>;
}

describe('infra/main.json resources', () => {
  const deployment = new Deployment(minimal);

  it('creates every container the code uses, with its partition key and TTL on', () => {
    const loop = deployment.resource('cosmosContainers');
    const count = Number(deployment.evaluate(loop.copy?.count ?? 0));
    const created = Array.from({ length: count }, (_, i) => {
      const resource = (deployment.properties('cosmosContainers', i) as { resource: Json })
        .resource as { id: string; partitionKey: { paths: string[] }; defaultTtl: number };
      return {
        id: resource.id,
        partitionKeyPath: resource.partitionKey.paths.join(','),
        defaultTtl: resource.defaultTtl,
      };
    });
    const expected = Object.values(containerSpecs).map((spec) => ({
      id: spec.id,
      partitionKeyPath: spec.partitionKeyPath,
      defaultTtl: -1,
    }));
    expect(created).to.have.deep.members(expected);
    expect(created).to.have.length(expected.length);
  });

  it('keeps Cosmos DB on Entra ID only, TLS 1.2, with the data-plane role for the app identity', () => {
    const cosmos = deployment.properties('cosmos');
    expect(cosmos.disableLocalAuth).to.equal(true);
    expect(cosmos.minimalTlsVersion).to.equal('Tls12');
    const assignments = deployment.deployedOfType(
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
    );
    expect(assignments).to.have.length(1);
    const assignment = deployment.properties(assignments[0] ?? '');
    const cosmosId = resourceId(deployment, 'cosmos');
    expect(assignment.roleDefinitionId).to.equal(
      `${cosmosId}/sqlRoleDefinitions/${cosmosDataContributor}`,
    );
    expect(assignment.scope).to.equal(cosmosId);
    expect(assignment.principalId).to.equal(identityOf(deployment).principalId);
  });

  it('serves HTTPS only, TLS 1.2 or newer, without FTP or basic-auth publishing', () => {
    const app = deployment.properties('app');
    const siteConfig = app.siteConfig as Record<string, Json>;
    expect(app.httpsOnly).to.equal(true);
    expect(Number(siteConfig.minTlsVersion)).to.be.at.least(1.2);
    expect(Number(siteConfig.scmMinTlsVersion)).to.be.at.least(1.2);
    expect(siteConfig.ftpsState).to.equal('Disabled');
    expect(siteConfig.linuxFxVersion).to.equal('NODE|22-lts');
    const policies = deployment.deployedOfType(
      'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
    );
    const names = policies.map((p) => String(deployment.evaluate(deployment.resource(p).name)));
    expect(names).to.have.members(['haaren-app/ftp', 'haaren-app/scm']);
    for (const policy of policies) expect(deployment.properties(policy).allow).to.equal(false);
  });

  it('starts what `npm start` starts: the production build that `npm run build` makes', () => {
    const scripts = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const siteConfig = deployment.properties('app').siteConfig as Record<string, Json>;
    expect(siteConfig.appCommandLine).to.equal(scripts.start);
    expect(scripts.build).to.equal('node build.mjs');
  });

  it('probes the health route the server answers, and points the bot at its messaging route', async () => {
    const siteConfig = deployment.properties('app').siteConfig as Record<string, Json>;
    const server = createServer({
      config: { directLineLocal: false, municipality: {} as never },
      readiness: { isReady: async () => true },
      i18n: { t: () => '' },
      log: createLogger('silent'),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(
        `http://127.0.0.1:${server.address().port}${String(siteConfig.healthCheckPath)}`,
      );
      expect(response.status).to.equal(200);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const bot = deployment.properties('bot');
    const host = (deployment.evaluate("[reference('app')]") as { defaultHostName: string })
      .defaultHostName;
    expect(bot.endpoint).to.equal(`https://${host}${BOT_FRAMEWORK_PATH}`);
    expect(bot.msaAppType).to.equal('UserAssignedMSI');
    expect(bot.msaAppId).to.equal(identityOf(deployment).clientId);
    expect(bot.disableLocalAuth).to.equal(true);
  });

  it('lets the app identity read Key Vault secrets (Key Vault Secrets User), and nothing more', () => {
    const vault = deployment.properties('vault');
    expect(vault.enableRbacAuthorization).to.equal(true);
    const assignments = deployment.deployedOfType('Microsoft.Authorization/roleAssignments');
    expect(assignments).to.have.members(['vaultSecretsUser', 'appInsightsPublisher']);
    const assignment = deployment.resource('vaultSecretsUser');
    expect(deployment.evaluate(assignment.scope ?? '')).to.equal(
      'Microsoft.KeyVault/vaults/haaren-kv',
    );
    const properties = deployment.properties('vaultSecretsUser');
    expect(String(properties.roleDefinitionId)).to.match(
      new RegExp(`/roleDefinitions/${keyVaultSecretsUser}$`),
    );
    expect(properties.principalId).to.equal(identityOf(deployment).principalId);
  });

  it('writes a Key Vault secret only for the secrets given', () => {
    const secrets = 'Microsoft.KeyVault/vaults/secrets';
    expect(deployment.deployedOfType(secrets)).to.deep.equal([]);
    expect(new Deployment(everythingOn).deployedOfType(secrets)).to.have.length(6);
  });

  it('lets Application Insights take telemetry signed by the app identity only (local auth off)', () => {
    expect(deployment.properties('appInsights').DisableLocalAuth).to.equal(true);
    const assignment = deployment.resource('appInsightsPublisher');
    expect(deployment.evaluate(assignment.scope ?? '')).to.equal(
      'Microsoft.Insights/components/haaren-ai',
    );
    const properties = deployment.properties('appInsightsPublisher');
    expect(String(properties.roleDefinitionId)).to.match(
      new RegExp(`/roleDefinitions/${monitoringMetricsPublisher}$`),
    );
    expect(properties.principalId).to.equal(identityOf(deployment).principalId);
    expect(deployment.resource('app').dependsOn).to.include('appInsightsPublisher');
  });

  it('sends traces to Application Insights and App Service and Cosmos DB logs to Log Analytics', () => {
    const workspaceId = resourceId(deployment, 'workspace');
    expect(deployment.properties('appInsights').WorkspaceResourceId).to.equal(workspaceId);
    const settings = deployment.deployedOfType('Microsoft.Insights/diagnosticSettings');
    const scopes = settings.map((name) =>
      deployment.evaluate(deployment.resource(name).scope ?? ''),
    );
    expect(scopes).to.have.members([
      'Microsoft.Web/sites/haaren-app',
      'Microsoft.DocumentDB/databaseAccounts/haaren-cosmos',
    ]);
    for (const name of settings) {
      const properties = deployment.properties(name) as {
        workspaceId: string;
        logs: { category: string; enabled: boolean }[];
      };
      expect(properties.workspaceId).to.equal(workspaceId);
      expect(properties.logs.filter((log) => log.enabled)).to.have.length.greaterThan(0);
      // Query texts could hold what a resident typed.
      expect(properties.logs.map((log) => log.category)).not.to.include('QueryRuntimeStatistics');
    }
  });

  it('runs two instances across availability zones on a P-series plan, one zone on B1', () => {
    const plan = deployment.resource('plan');
    expect(deployment.evaluate(plan.sku ?? null)).to.deep.equal({ name: 'P0v3', capacity: 2 });
    expect(deployment.properties('plan').zoneRedundant).to.equal(true);
    const pilot = new Deployment({ ...minimal, appServiceSku: 'B1', instanceCount: 1 });
    expect(pilot.properties('plan').zoneRedundant).to.equal(false);
  });
});
