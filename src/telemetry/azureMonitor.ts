import type { Logger } from '../log.js';

/**
 * Sends the spans and metrics of {@link Telemetry} to Application Insights. Loaded only when a
 * connection string is configured, so local runs and tests load none of it.
 *
 * The distro's automatic instrumentations are off: incoming and outgoing HTTP spans would carry
 * URLs (document ids, staff session ids, login codes) and the Azure SDK's spans their own
 * attributes. Voordeur's own spans hold only what src/telemetry/telemetry.ts puts in them.
 */
export async function startAzureMonitor(
  connectionString: string,
  auth: 'entra' | 'key',
  log: Logger,
): Promise<() => Promise<void>> {
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  // With local authentication off (infra), Application Insights takes only telemetry signed with
  // an Entra ID token: the managed identity's, which DefaultAzureCredential finds by AZURE_CLIENT_ID.
  const credential =
    auth === 'entra' ? new (await import('@azure/identity')).DefaultAzureCredential() : undefined;
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString, ...(credential ? { credential } : {}) },
    instrumentationOptions: {
      http: { enabled: false },
      azureSdk: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    enableLiveMetrics: false,
  });
  log.info({ auth }, 'sending traces and metrics to Application Insights');
  return () => shutdownAzureMonitor();
}
