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
  log: Logger,
): Promise<() => Promise<void>> {
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
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
  log.info('sending traces and metrics to Application Insights');
  return () => shutdownAzureMonitor();
}
