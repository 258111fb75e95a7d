// Voordeur itself, as `npm start` runs it (the compiled build in dist/, which the benchmark
// brings up to date first), against the Cosmos process given in COSMOS_ENDPOINT.
import { announce } from './ipc.js';
import type * as appModule from '../../../src/app.js';
import type * as configModule from '../../../src/config.js';
import type * as clockModule from '../../../src/ports/clock.js';

type AppModule = typeof appModule;
type ConfigModule = typeof configModule;
type ClockModule = typeof clockModule;

const dist = new URL('../../../dist/src/', import.meta.url);
const { buildApp } = (await import(new URL('app.js', dist).href)) as AppModule;
const { loadConfig } = (await import(new URL('config.js', dist).href)) as ConfigModule;
const { systemClock } = (await import(new URL('ports/clock.js', dist).href)) as ClockModule;

const app = await buildApp(loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent' }), {
  clock: systemClock,
});
const url = await app.listen();
announce(Number(new URL(url).port));
// A CPU profile is written only on a normal exit: the benchmark asks for one (BENCH_PROFILE).
process.on('message', (message) => {
  if (message === 'exit') void app.close().then(() => process.exit(0));
});
