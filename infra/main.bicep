// Voordeur on Azure: App Service (Linux, Node 22, two instances across zones) + Azure Bot
// (user-assigned managed identity) + Azure Cosmos DB for NoSQL (serverless, Entra ID only)
// + Key Vault (the WhatsApp, Graph, CalDAV and Entra secrets) + Application Insights on a
// Log Analytics workspace (with the App Service and Cosmos DB logs). Deploy with:
//   az deployment group create -g <resource-group> -f infra/main.bicep -p name=<short-name>
// The environment names set below are exactly the ones src/config.ts reads.
//
// infra/main.json is the ARM template this file compiles to, kept by hand beside it (the
// Bicep CLI is not available where the tests run). test/infra/ checks main.json's rules and
// that both files declare the same parameters, resources and app settings: change both.

@description('Short name used for every resource (lowercase letters and digits).')
@minLength(3)
@maxLength(18)
param name string

@description('Azure region for all resources.')
param location string = resourceGroup().location

@description('Municipality name shown to residents, e.g. "gemeente Haaren".')
param municipalityName string = 'gemeente Voorbeeld'

@description('Phone number residents can call, shown when a person is needed.')
param municipalityPhone string = '14 0000'

@description('Days a conversation is kept before Cosmos DB deletes it (TTL).')
@minValue(1)
param retentionDays int = 30

@description('App Service plan SKU. On a P-series plan (P0v3, P1v3, …) the instances are spread over availability zones; B1 is fine for a pilot.')
param appServiceSku string = 'P0v3'

@description('Number of App Service instances (Voordeur is stateless; Cosmos DB holds the state). At least 2 for zone redundancy.')
@minValue(1)
param instanceCount int = 2

@description('Where residents\' browsers and the Entra login reach Voordeur, ending in a slash. Empty: https://<name>-app.azurewebsites.net/.')
param publicBaseUrl string = ''

@description('WhatsApp Business phone number id (Meta app → WhatsApp → API setup). Empty: no WhatsApp.')
param whatsAppPhoneNumberId string = ''

@description('WhatsApp Cloud API access token (a system user token). Stored in Key Vault. Empty: no WhatsApp.')
@secure()
param whatsAppAccessToken string = ''

@description('Meta app secret: signs every webhook delivery. Stored in Key Vault. Empty: no WhatsApp.')
@secure()
param whatsAppAppSecret string = ''

@description('Webhook verify token, as entered in the Meta app\'s webhook settings. Stored in Key Vault. Empty: no WhatsApp.')
@secure()
param whatsAppVerifyToken string = ''

@description('Staff pages: Entra ID tenant id for the staff login (app registration with app roles Coach, Team, Lead). Empty: no staff login.')
param entraTenantId string = ''

@description('Staff pages: application (client) id of that app registration. Empty: no staff login.')
param entraClientId string = ''

@description('Staff pages: client secret of that app registration. Stored in Key Vault. Empty: no staff login.')
@secure()
param entraClientSecret string = ''

@description('Coaches\' Microsoft 365 calendars: tenant id for Microsoft Graph. Empty: no Graph calendars.')
param graphTenantId string = ''

@description('Microsoft Graph: application (client) id of the app registration with Calendars.ReadWrite. Ignored with graphUseManagedIdentity.')
param graphClientId string = ''

@description('Microsoft Graph: client secret of that app registration. Stored in Key Vault. Empty: use the managed identity, or no Graph.')
@secure()
param graphClientSecret string = ''

@description('Microsoft Graph through the app\'s managed identity (granted Calendars.ReadWrite) instead of a client secret.')
param graphUseManagedIdentity bool = false

@description('CalDAV user name for coaches\' CalDAV calendars. Empty: no credentials.')
param caldavUsername string = ''

@description('CalDAV password. Stored in Key Vault. Empty: no credentials.')
@secure()
param caldavPassword string = ''

@description('Days Log Analytics keeps the logs and traces.')
@minValue(30)
param logRetentionDays int = 30

var databaseName = 'voordeur'
var appName = '${name}-app'
var vaultName = '${name}-kv'
var zoneRedundant = startsWith(appServiceSku, 'P')
// Must match containerSpecs in src/adapters/cosmos/cosmosSchema.ts (test/infra checks it).
var containers = [
  { id: 'conversations', partitionKeyPath: '/pk' }
  { id: 'coaches', partitionKeyPath: '/pk' }
  { id: 'bookings', partitionKeyPath: '/pk' }
  { id: 'calendarEvents', partitionKeyPath: '/pk' }
  { id: 'callbacks', partitionKeyPath: '/pk' }
  { id: 'whatsappInbox', partitionKeyPath: '/pk' }
  { id: 'whatsappContacts', partitionKeyPath: '/pk' }
  { id: 'whatsappMessages', partitionKeyPath: '/pk' }
  { id: 'conversationReviews', partitionKeyPath: '/pk' }
  { id: 'funnelEvents', partitionKeyPath: '/pk' }
  { id: 'meetingNotes', partitionKeyPath: '/pk' }
  { id: 'callbackWork', partitionKeyPath: '/pk' }
  { id: 'staffUsers', partitionKeyPath: '/pk' }
  { id: 'staffSessions', partitionKeyPath: '/pk' }
  { id: 'staffAudit', partitionKeyPath: '/pk' }
  { id: 'outbox', partitionKeyPath: '/pk' }
  { id: 'conversationReferences', partitionKeyPath: '/pk' }
]
// Key Vault secret names; a secret is written only when its parameter is given.
var secretNames = {
  whatsAppAccessToken: 'whatsapp-access-token'
  whatsAppAppSecret: 'whatsapp-app-secret'
  whatsAppVerifyToken: 'whatsapp-verify-token'
  entraClientSecret: 'entra-client-secret'
  graphClientSecret: 'graph-client-secret'
  caldavPassword: 'caldav-password'
}
// Built-in role ids.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // No client IP addresses in telemetry.
    DisableIpMasking: false
    // Telemetry is accepted only with an Entra ID token (the app's identity), not with the key
    // in the connection string alone.
    DisableLocalAuth: true
  }
}

// Monitoring Metrics Publisher for the app's identity: it signs what it sends to Application Insights.
resource appInsightsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: '${name}-cosmos'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [ { locationName: location, failoverPriority: 0 } ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: [ { name: 'EnableServerless' } ]
    // Entra ID only: no keys in app settings.
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: { resource: { id: databaseName } }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for container in containers: {
    parent: database
    name: container.id
    properties: {
      resource: {
        id: container.id
        partitionKey: { paths: [ container.partitionKeyPath ], kind: 'Hash' }
        // TTL on, no container-wide expiry: each document carries its own retention ttl.
        defaultTtl: -1
      }
    }
  }
]

// Cosmos DB Built-in Data Contributor (data plane) for the app's identity.
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, 'data-contributor')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    // Azure RBAC, no access policies: the app's identity reads secrets, nothing else.
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource secretWhatsAppAccessToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(whatsAppAccessToken)) {
  parent: vault
  name: secretNames.whatsAppAccessToken
  properties: { value: whatsAppAccessToken }
}

resource secretWhatsAppAppSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(whatsAppAppSecret)) {
  parent: vault
  name: secretNames.whatsAppAppSecret
  properties: { value: whatsAppAppSecret }
}

resource secretWhatsAppVerifyToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(whatsAppVerifyToken)) {
  parent: vault
  name: secretNames.whatsAppVerifyToken
  properties: { value: whatsAppVerifyToken }
}

resource secretEntraClientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(entraClientSecret)) {
  parent: vault
  name: secretNames.entraClientSecret
  properties: { value: entraClientSecret }
}

resource secretGraphClientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(graphClientSecret)) {
  parent: vault
  name: secretNames.graphClientSecret
  properties: { value: graphClientSecret }
}

resource secretCaldavPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(caldavPassword)) {
  parent: vault
  name: secretNames.caldavPassword
  properties: { value: caldavPassword }
}

// Key Vault Secrets User for the app's identity: it resolves the Key Vault references below.
resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: instanceCount }
  properties: {
    reserved: true
    // Premium plans spread the instances over the region's availability zones.
    zoneRedundant: zoneRedundant
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [
    vaultSecretsUser
    appInsightsPublisher
    secretWhatsAppAccessToken
    secretWhatsAppAppSecret
    secretWhatsAppVerifyToken
    secretEntraClientSecret
    secretGraphClientSecret
    secretCaldavPassword
  ]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references are resolved with the user-assigned identity, not a system one.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/server/index.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        // DefaultAzureCredential picks the user-assigned identity by this id.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: databaseName }
        { name: 'RETENTION_DAYS', value: string(retentionDays) }
        { name: 'MUNICIPALITY_NAME', value: municipalityName }
        { name: 'MUNICIPALITY_PHONE', value: municipalityPhone }
        { name: 'PUBLIC_BASE_URL', value: empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net/' : publicBaseUrl }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTH', value: 'entra' }
        // WhatsApp is on only when all four are set (empty values leave it off).
        { name: 'WHATSAPP_PHONE_NUMBER_ID', value: whatsAppPhoneNumberId }
        { name: 'WHATSAPP_ACCESS_TOKEN', value: empty(whatsAppAccessToken) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${secretNames.whatsAppAccessToken})' }
        { name: 'WHATSAPP_APP_SECRET', value: empty(whatsAppAppSecret) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${secretNames.whatsAppAppSecret})' }
        { name: 'WHATSAPP_VERIFY_TOKEN', value: empty(whatsAppVerifyToken) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${secretNames.whatsAppVerifyToken})' }
        // The staff login is on only when all three are set; its redirect URI is on PUBLIC_BASE_URL.
        { name: 'ENTRA_TENANT_ID', value: entraTenantId }
        { name: 'ENTRA_CLIENT_ID', value: entraClientId }
        { name: 'ENTRA_CLIENT_SECRET', value: empty(entraClientSecret) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${secretNames.entraClientSecret})' }
        // Coaches' Microsoft 365 calendars: a client secret, or the app's managed identity.
        { name: 'GRAPH_TENANT_ID', value: graphTenantId }
        { name: 'GRAPH_CLIENT_ID', value: graphUseManagedIdentity ? identity.properties.clientId : graphClientId }
        { name: 'GRAPH_CLIENT_SECRET', value: empty(graphClientSecret) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${secretNames.graphClientSecret})' }
        { name: 'GRAPH_MANAGED_IDENTITY', value: string(graphUseManagedIdentity) }
        { name: 'CALDAV_USERNAME', value: caldavUsername }
        { name: 'CALDAV_PASSWORD', value: empty(caldavPassword) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${secretNames.caldavPassword})' }
        // Oryx runs `npm ci` and `npm run build` on deployment.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

// No FTP or basic-auth deployments: deploy with Entra ID (az webapp deploy).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

// Request, console (Voordeur's own log, which holds no personal data) and platform logs.
resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: app
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceAppLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

// Requests, request units per partition and control-plane changes; no query texts.
resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: cosmos
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      { category: 'DataPlaneRequests', enabled: true }
      { category: 'PartitionKeyRUConsumption', enabled: true }
      { category: 'ControlPlaneRequests', enabled: true }
    ]
    metrics: [ { category: 'Requests', enabled: true } ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: municipalityName
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
    disableLocalAuth: true
  }
}

output appUrl string = 'https://${app.properties.defaultHostName}'
output botName string = bot.name
output cosmosEndpoint string = cosmos.properties.documentEndpoint
output keyVaultName string = vault.name
output appInsightsName string = appInsights.name
