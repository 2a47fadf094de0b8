// ExportReadiness on Azure: storage (tables, queues, blobs), a Linux Function App on the Flex Consumption plan
// running the .NET isolated worker (dotnet-isolated 10.0), Application Insights on a Log Analytics workspace, and
// optionally App Service Authentication (Microsoft Entra ID) so that advisors sign in as themselves.
// The Functions host (its queue and timer triggers) and the app's own storage adapters reach storage with the app's
// system-assigned managed identity; no storage key is put in app settings, and shared-key access is off.
targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('The azd environment (azure.yaml): tagged on the Function App with `azd-service-name`, which is how `azd deploy` finds it; empty when deployed with az alone.')
param environmentName string = ''

@description('Short prefix for resource names (letters and digits; hyphens and underscores are dropped from the storage account name).')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Advisor API keys, comma-separated "name:key" entries (sent by advisors in x-functions-key or entered on /advisor/login). May be empty when advisors sign in with Entra ID only.')
@secure()
param advisorApiKeys string

@description('NCRONTAB (six fields, UTC: Flex Consumption has no WEBSITE_TIME_ZONE) of the nightly retrain and re-score.')
param rescoreSchedule string = '0 0 2 * * *'

@description('Most instances the Flex Consumption plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('HTTP requests one Flex Consumption instance takes at once before the platform adds an instance (docs/architecture.md, "Capacity"): the app sheds load past host.json maxConcurrentRequests (32) itself, so more would only queue.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 32

@description('Memory of each Flex Consumption instance (ML.NET training runs in the nightly timer).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Turn on App Service Authentication (Easy Auth) with Microsoft Entra ID. Anonymous requests stay allowed (SMEs submit without signing in); a signed-in user with the advisor app role is an advisor.')
param enableAppServiceAuthentication bool = false

@description('Application (client) ID of the Entra app registration used for sign-in. Required when enableAppServiceAuthentication is true.')
param entraClientId string = ''

@description('Tenant of that app registration (its issuer is <login endpoint>/<tenant>/v2.0).')
param entraTenantId string = tenant().tenantId

@description('The Entra app role (its value) a signed-in user needs to be an advisor; empty: any signed-in user of the tenant.')
param advisorRole string = 'Advisor'

@description('How App Service Authentication proves the app registration\'s identity to Entra ID, without any secret in the template: "managedIdentity" (a user-assigned identity trusted by a federated credential on the registration; preview on App Service) or "none" (sign-in by the implicit ID-token flow; the registration must issue ID tokens).')
@allowed([
  'managedIdentity'
  'none'
])
param entraSignInCredential string = 'managedIdentity'

var suffix = uniqueString(resourceGroup().id)
// azd deploys the service named `api` in azure.yaml to the resource carrying this tag.
var azdServiceTags = union(empty(environmentName) ? {} : { 'azd-env-name': environmentName }, { 'azd-service-name': 'api' })
// Storage account names allow only lowercase letters and digits.
var storageName = toLower('${replace(replace(namePrefix, '-', ''), '_', '')}${take(suffix, 13)}')
var appName = '${namePrefix}-${suffix}'
var deploymentContainer = 'deployments'
var signInWithManagedIdentity = enableAppServiceAuthentication && entraSignInCredential == 'managedIdentity'
// The setting name App Service Authentication reads as "use this managed identity's federated credential".
var ficSettingName = 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'

// The names in src/ExportReadiness.Storage/StorageNames.cs, plus the Flex Consumption package container.
var blobContainers = [
  'submissions'
  'models'
  'batches'
  'locks'
  'dataprotection'
  'programmes'
  'outcomesets'
  deploymentContainer
]
var queues = [
  'assessments-to-score'
  'assessments-to-score-poison'
  'batches-to-ingest'
  'batches-to-ingest-poison'
  'rescore-parts'
  'rescore-parts-poison'
]
var tables = [
  'Assessments'
  'AssessmentIndex'
  'ProductIndex'
  'PendingScoring'
  'TalliedProgrammes'
  'Reviews'
  'ProductStages'
  'Batches'
  'ModelRuns'
  'RescoreParts'
  'AdvisorSessions'
  'ActionPlans'
  'Erasures'
  'OutcomeSets'
  'AccessLog'
]

// Built-in role definition ids.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in blobContainers: {
  parent: blobService
  name: name
  properties: {
    publicAccess: 'None'
  }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for name in queues: {
  parent: queueService
  name: name
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for name in tables: {
  parent: tableService
  name: name
}]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

// Only for App Service Authentication's federated credential: assign it to nothing else (whoever holds it can sign
// in as the app registration). The app's storage access keeps using the system-assigned identity.
resource signInIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (signInWithManagedIdentity) {
  name: '${namePrefix}-signin-${suffix}'
  location: location
}

// Settings every deployment has. FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are deliberately absent:
// on Flex Consumption the runtime is functionAppConfig.runtime, and those app settings are not used there.
var baseAppSettings = [
  {
    // Identity-based host storage: the Functions host, the queue trigger's "AzureWebJobsStorage" connection and the
    // app's adapters (StorageServiceCollectionExtensions.CreateClients) all build their clients from the account name.
    name: 'AzureWebJobsStorage__accountName'
    value: storage.name
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: insights.properties.ConnectionString
  }
  {
    // Entra ID ingestion with the system-assigned identity (local auth is off on the component).
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'Authorization=AAD'
  }
  {
    // The host serves its own landing page at "/" whenever no function handled the request; answer 204 instead.
    name: 'AzureWebJobsDisableHomepage'
    value: 'true'
  }
  {
    // Read by the timer trigger as %ExportReadiness__RescoreSchedule%.
    name: 'ExportReadiness__RescoreSchedule'
    value: rescoreSchedule
  }
  {
    name: 'ExportReadiness__AdvisorApiKeys'
    value: advisorApiKeys
  }
  {
    // Requests reach the worker through the platform's front end, which terminates TLS and appends the client's
    // address: the advisor session cookie is Secure from X-Forwarded-Proto, wrong-key limits count per X-Forwarded-For.
    name: 'ExportReadiness__TrustedFrontEnd'
    value: 'true'
  }
  {
    // Trust X-MS-CLIENT-PRINCIPAL only when the platform's authentication is on (it strips the header only then).
    name: 'ExportReadiness__AppServiceAuthentication'
    value: enableAppServiceAuthentication ? 'true' : 'false'
  }
]
var authAppSettings = enableAppServiceAuthentication ? [
  {
    name: 'ExportReadiness__AdvisorRole'
    value: advisorRole
  }
] : []
var ficAppSettings = signInWithManagedIdentity ? [
  {
    name: ficSettingName
    value: signInIdentity!.properties.clientId
  }
] : []

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: azdServiceTags
  kind: 'functionapp,linux'
  identity: signInWithManagedIdentity ? {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${signInIdentity!.id}': {}
    }
  } : {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(baseAppSettings, authAppSettings, ficAppSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  // The package container must exist before the first deployment writes to it.
  dependsOn: [
    containers
  ]
}

// App Service Authentication with Entra ID. Anonymous requests pass through (the SME form, the questionnaire API and
// advisor-key calls still work); a signed-in user reaches the app as X-MS-CLIENT-PRINCIPAL, which the app reads because
// ExportReadiness__AppServiceAuthentication is true. Sign in at /.auth/login/aad, sign out at /.auth/logout.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = if (enableAppServiceAuthentication) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: signInWithManagedIdentity ? {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
          clientSecretSettingName: ficSettingName
        } : {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
      }
    }
    login: {
      // The app needs the signed-in user's claims (in the session), not the user's tokens.
      tokenStore: {
        enabled: false
      }
    }
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [storageBlobDataOwner, storageQueueDataContributor, storageTableDataContributor]: {
  name: guid(storage.id, app.id, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
@description('Redirect URI to register (platform "Web") on the Entra app registration.')
output signInRedirectUri string = 'https://${app.properties.defaultHostName}/.auth/login/aad/callback'
@description('Object (principal) ID of the sign-in identity: the subject of the federated credential to add to the app registration. Empty unless entraSignInCredential is managedIdentity and authentication is on.')
output signInIdentityPrincipalId string = signInWithManagedIdentity ? signInIdentity!.properties.principalId : ''
