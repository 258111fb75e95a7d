// Voordeur itself, as `npm start` builds it, against the Cosmos process given in COSMOS_ENDPOINT.
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { announce } from './ipc.js';
import { systemClock } from '../../../src/ports/clock.js';

const app = await buildApp(loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent' }), {
  clock: systemClock,
});
const url = await app.listen();
announce(Number(new URL(url).port));
