// The in-memory Cosmos server in a process of its own, so its CPU is not counted as Voordeur's.
import { startEmbeddedCosmos } from '../../../src/adapters/cosmos/embeddedCosmos.js';
import { announce } from './ipc.js';

const cosmos = await startEmbeddedCosmos();
process.on('message', (message) => {
  if (message === 'requests')
    process.send?.({ requests: cosmos.requests.count(), byKind: cosmos.requests.byKind() });
});
announce(Number(new URL(cosmos.endpoint).port));
