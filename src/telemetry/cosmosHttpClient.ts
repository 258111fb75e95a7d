import {
  createDefaultHttpClient,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import type { Telemetry } from './telemetry.js';

/**
 * The HTTP client the Cosmos DB SDK sends through (its public `httpClient` option), counting
 * every request and the request units Cosmos DB charged (`x-ms-request-charge`). Retries and
 * the SDK's own metadata reads are requests too, so this is what the account bills.
 */
export function countingCosmosHttpClient(
  telemetry: Telemetry,
  inner: HttpClient = createDefaultHttpClient(),
): HttpClient {
  return {
    sendRequest: (request) =>
      telemetry.cosmosRequest(describeCosmosRequest(request), async () => {
        const response = await inner.sendRequest(request);
        return Object.assign(response, {
          requestCharge: Number(response.headers.get('x-ms-request-charge') ?? 0) || 0,
        });
      }),
  };
}

const methodOperations: Record<string, string> = {
  GET: 'read',
  POST: 'create',
  PUT: 'replace',
  DELETE: 'delete',
  PATCH: 'patch',
};

/**
 * The operation and the container (one of ours, from containerSpecs) of a Cosmos REST request:
 * `/dbs/<db>/colls/<container>/docs/<id>`. Document ids are never read.
 */
export function describeCosmosRequest(request: PipelineRequest): {
  operation: string;
  resource: string;
} {
  // The path without parsing a URL (every request passes here): scheme and host off, query off.
  const path = request.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/, 1)[0];
  const segments = (path ?? '').split('/').filter(Boolean);
  const container = segments[2] === 'colls' ? segments[3] : undefined;
  const resourceType = segments.length % 2 === 0 ? segments.at(-2) : segments.at(-1);
  // The SDK spells these `true` or `True`.
  const header = (name: string) => request.headers.get(name)?.toLowerCase() === 'true';
  // A query plan is asked beside every query by @azure/cosmos 4.9 (a POST, like a create).
  const operation = header('x-ms-cosmos-is-query-plan-request')
    ? 'queryPlan'
    : header('x-ms-documentdb-isquery')
      ? 'query'
      : header('x-ms-documentdb-is-upsert')
        ? 'upsert'
        : header('x-ms-cosmos-is-batch-request')
          ? 'bulk'
          : (methodOperations[request.method] ?? 'other');
  return { operation, resource: container ?? resourceType ?? 'account' };
}
