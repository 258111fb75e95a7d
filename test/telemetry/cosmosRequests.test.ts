import { expect } from 'chai';
import { CosmosClient } from '@azure/cosmos';
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import { describeCosmosRequest } from '../../src/telemetry/cosmosHttpClient.js';
import { MetricsRegistry } from '../../src/telemetry/metricsRegistry.js';
import { useTestCosmos } from '../adapters/cosmos/cosmosTestServer.js';

function request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers = {}) {
  return createPipelineRequest({ method, url, headers: createHttpHeaders(headers) });
}

describe('Cosmos DB requests as telemetry counts them', () => {
  const db = useTestCosmos('telemetry');
  const base = 'https://voordeur.documents.azure.com:443';

  it('names the operation and our container, never a document id', () => {
    const cases: [ReturnType<typeof request>, { operation: string; resource: string }][] = [
      [
        request('GET', `${base}/dbs/voordeur/colls/conversations/docs/test%3Ac1`),
        { operation: 'read', resource: 'conversations' },
      ],
      [
        request('PUT', `http://127.0.0.1:8081/dbs/voordeur/colls/conversations/docs/a?x=1#y`),
        { operation: 'replace', resource: 'conversations' },
      ],
      [
        request('POST', `${base}/dbs/voordeur/colls/bookings/docs`, {
          'x-ms-documentdb-isquery': 'true',
        }),
        { operation: 'query', resource: 'bookings' },
      ],
      [
        request('POST', `${base}/dbs/voordeur/colls/bookings/docs`, {
          'x-ms-cosmos-is-query-plan-request': 'True',
        }),
        { operation: 'queryPlan', resource: 'bookings' },
      ],
      [
        request('POST', `${base}/dbs/voordeur/colls/bookings/docs`, {
          'x-ms-documentdb-is-upsert': 'true',
        }),
        { operation: 'upsert', resource: 'bookings' },
      ],
      [
        request('POST', `${base}/dbs/voordeur/colls/conversations/docs`, {
          'x-ms-cosmos-is-batch-request': 'true',
        }),
        { operation: 'bulk', resource: 'conversations' },
      ],
      [
        request('DELETE', `${base}/dbs/voordeur/colls/outbox/docs/j1`),
        { operation: 'delete', resource: 'outbox' },
      ],
      [request('GET', `${base}/dbs/voordeur`), { operation: 'read', resource: 'dbs' }],
      [request('GET', `${base}/dbs`), { operation: 'read', resource: 'dbs' }],
      [request('GET', `${base}/`), { operation: 'read', resource: 'account' }],
      [request('GET', base), { operation: 'read', resource: 'account' }],
    ];
    for (const [req, expected] of cases) {
      expect(describeCosmosRequest(req), req.url).to.deep.equal(expected);
    }
  });

  it('tells apart what the SDK sends: a query and its plan, a create', async () => {
    const seen: string[] = [];
    const inner = createDefaultHttpClient();
    const client = new CosmosClient({
      endpoint: db().embedded.endpoint,
      key: db().embedded.key,
      connectionPolicy: { enableEndpointDiscovery: false },
      httpClient: {
        sendRequest: (req) => {
          seen.push(describeCosmosRequest(req).operation);
          return inner.sendRequest(req);
        },
      },
    });
    const container = client
      .database(db().databaseId)
      .container(db().cosmos.containers.calendarEvents.id);
    try {
      await container.items.create({ id: 'e1', pk: 'coach-1' });
      seen.length = 0;
      await container.items
        .query('SELECT * FROM c WHERE c.pk = @pk', { partitionKey: 'coach-1' })
        .fetchAll();
      expect(seen.filter((op) => op !== 'read').sort()).to.deep.equal(['query', 'queryPlan']);
      seen.length = 0;
      await container.items.create({ id: 'e2', pk: 'coach-1' });
      expect(seen).to.deep.equal(['create']);
    } finally {
      client.dispose();
    }
  });

  it('counts labels given in any order as one series', () => {
    const registry = new MetricsRegistry();
    const count = registry.counter('voordeur_test_total', 'A test counter.');
    count({ operation: 'read', status: '2xx' });
    count({ status: '2xx', operation: 'read' }, 2);
    count({ operation: 'read', status: '4xx' });
    expect(registry.total('voordeur_test_total', { status: '2xx' })).to.equal(3);
    expect(registry.render()).to.equal(
      [
        '# HELP voordeur_test_total A test counter.',
        '# TYPE voordeur_test_total counter',
        'voordeur_test_total{operation="read",status="2xx"} 3',
        'voordeur_test_total{operation="read",status="4xx"} 1',
        '',
      ].join('\n'),
    );
  });
});
