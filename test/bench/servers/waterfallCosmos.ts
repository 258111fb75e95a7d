// Baseline 4: the same waterfall on CosmosDbPartitionedStorage (botbuilder-azure), what a Bot
// Framework developer picks for Cosmos DB, against the benchmark's Cosmos process.
import { CosmosClient } from '@azure/cosmos';
import type { Storage } from 'botbuilder';
import { serveStockWaterfall } from './stockWaterfall.js';

// Imported by name at run time: botbuilder-azure is a benchmark-only dependency, and the
// benchmark leaves this baseline out when it is not installed.
const packageName = 'botbuilder-azure';
const { CosmosDbPartitionedStorage } = (await import(packageName)) as {
  CosmosDbPartitionedStorage: new (options: Record<string, unknown>) => Storage;
};

// CosmosDbPartitionedStorage creates its container but expects the database to exist.
await new CosmosClient({
  endpoint: process.env.COSMOS_ENDPOINT ?? '',
  key: process.env.COSMOS_KEY ?? '',
  connectionPolicy: { enableEndpointDiscovery: false },
}).databases.createIfNotExists({ id: 'stockbench' });

serveStockWaterfall(
  new CosmosDbPartitionedStorage({
    cosmosDbEndpoint: process.env.COSMOS_ENDPOINT ?? '',
    authKey: process.env.COSMOS_KEY ?? '',
    databaseId: 'stockbench',
    containerId: 'botstate',
    // The in-memory server advertises an address it does not serve: do not follow it.
    cosmosClientOptions: { connectionPolicy: { enableEndpointDiscovery: false } },
  }),
);
