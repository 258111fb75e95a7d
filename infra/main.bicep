// Voordeur on Azure: App Service (Linux, Node 22) + Azure Bot (user-assigned managed identity)
// + Azure Cosmos DB for NoSQL (serverless, Entra ID only). Deploy with:
//   az deployment group create -g <resource-group> -f infra/main.bicep -p name=<short-name>
// The environment names set below are exactly the ones src/config.ts reads.

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

@description('App Service plan SKU. P0v3 runs two instances well; B1 is fine for a pilot.')
param appServiceSku string = 'P0v3'

@description('Number of App Service instances (Voordeur is stateless; Cosmos DB holds the state).')
@minValue(1)
param instanceCount int = 2

@description('WhatsApp Business phone number id (Meta app → WhatsApp → API setup). Empty: no WhatsApp.')
param whatsAppPhoneNumberId string = ''

@description('WhatsApp Cloud API access token (a system user token). Empty: no WhatsApp.')
@secure()
param whatsAppAccessToken string = ''

@description('Meta app secret: signs every webhook delivery. Empty: no WhatsApp.')
@secure()
param whatsAppAppSecret string = ''

@description('Webhook verify token, as entered in the Meta app\'s webhook settings. Empty: no WhatsApp.')
@secure()
param whatsAppVerifyToken string = ''

@description('Staff pages: Entra ID tenant id for the staff login (app registration with app roles Coach, Team, Lead). Empty: no staff login.')
param entraTenantId string = ''

@description('Staff pages: application (client) id of that app registration. Empty: no staff login.')
param entraClientId string = ''

@description('Staff pages: client secret of that app registration. Empty: no staff login.')
@secure()
param entraClientSecret string = ''

var databaseName = 'voordeur'
// Must match containerSpecs in src/adapters/cosmos/cosmosClient.ts.
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
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
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
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: instanceCount }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
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
        // WhatsApp is on only when all four are set (empty values leave it off).
        { name: 'WHATSAPP_PHONE_NUMBER_ID', value: whatsAppPhoneNumberId }
        { name: 'WHATSAPP_ACCESS_TOKEN', value: whatsAppAccessToken }
        { name: 'WHATSAPP_APP_SECRET', value: whatsAppAppSecret }
        { name: 'WHATSAPP_VERIFY_TOKEN', value: whatsAppVerifyToken }
        // The staff login is on only when all three are set; its redirect URI is on this host.
        { name: 'ENTRA_TENANT_ID', value: entraTenantId }
        { name: 'ENTRA_CLIENT_ID', value: entraClientId }
        { name: 'ENTRA_CLIENT_SECRET', value: entraClientSecret }
        { name: 'PUBLIC_BASE_URL', value: empty(entraClientId) ? '' : 'https://${name}-app.azurewebsites.net/' }
        // Oryx runs `npm ci` and `npm run build` on deployment.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
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
