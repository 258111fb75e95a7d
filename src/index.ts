import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './log.js';
import { systemClock } from './ports/clock.js';
import { startAzureMonitor } from './telemetry/azureMonitor.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const log = createLogger(config.logLevel);
// Before the app is built, so its tracer and meter report to Application Insights.
const stopTelemetry = config.telemetry.appInsightsConnectionString
  ? await startAzureMonitor(
      config.telemetry.appInsightsConnectionString,
      config.telemetry.appInsightsAuth,
      log,
    )
  : async () => {};
const app = await buildApp(config, { clock: systemClock, log });
const url = await app.listen();

log.info({ url, directLineLocal: config.directLineLocal }, 'listening');
console.log(
  `Voordeur is running on ${url}${config.directLineLocal ? ' (open it in a browser to chat)' : ''}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    app
      .close()
      .then(stopTelemetry)
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
