import type { Container } from '@azure/cosmos';
import { containerSpecs, type ContainerName } from '../../src/adapters/cosmos/cosmosSchema.js';

export interface Trace {
  container: ContainerName;
  id: string;
  needle: string;
}

/** Every document of every container of the schema, by container. */
export async function everyDocument(
  containers: Record<ContainerName, Container>,
): Promise<Map<ContainerName, Record<string, unknown>[]>> {
  const all = new Map<ContainerName, Record<string, unknown>[]>();
  for (const name of Object.keys(containerSpecs) as ContainerName[]) {
    const { resources } = await containers[name].items
      .query<Record<string, unknown>>('SELECT * FROM c')
      .fetchAll();
    all.set(name, resources);
  }
  return all;
}

/**
 * Where any of `needles` (a phone number's digits, typed words, the conversation id) still
 * occurs in any container, compared on the document as JSON and, for numbers, with spaces, dashes
 * and brackets left out (so "+31 6 1234 5678" is found as well as "+31612345678").
 */
export async function tracesOf(
  containers: Record<ContainerName, Container>,
  needles: string[],
): Promise<Trace[]> {
  const traces: Trace[] = [];
  for (const [container, documents] of await everyDocument(containers)) {
    for (const document of documents) {
      const json = JSON.stringify(document);
      const digits = json.replace(/[\s\-().]/g, '');
      for (const needle of needles) {
        const numeric = /^\d+$/.test(needle);
        if (json.includes(needle) || (numeric && digits.includes(needle))) {
          traces.push({ container, id: String(document.id), needle });
        }
      }
    }
  }
  return traces;
}
