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

/**
 * Documents without a Cosmos `ttl` that are allowed to be: they hold nothing about a resident,
 * or they must outlive retention (see the README's Privacy section).
 */
function mayLackTtl(container: ContainerName, document: Record<string, unknown>): boolean {
  switch (container) {
    case 'coaches':
    case 'staffUsers':
      // Staff and coach data, kept as long as they work here.
      return true;
    case 'bookings':
      // A coach's schedule lives as long as the coach; its entries are pruned a day after
      // each meeting and freed on erasure.
      return document.id === 'schedule';
    case 'whatsappContacts':
      // The opt-out marker: no number, only when "stop" was sent.
      return Object.keys(document).every(
        (field) => field.startsWith('_') || ['id', 'pk', 'optedOutAt'].includes(field),
      );
    default:
      return false;
  }
}

/** Documents that should expire by their `ttl` and do not carry one. */
export async function documentsWithoutTtl(
  containers: Record<ContainerName, Container>,
): Promise<{ container: ContainerName; id: string }[]> {
  const missing: { container: ContainerName; id: string }[] = [];
  for (const [container, documents] of await everyDocument(containers)) {
    for (const document of documents) {
      const ttl = document.ttl;
      const expires = typeof ttl === 'number' && Number.isInteger(ttl) && ttl > 0;
      if (!expires && !mayLackTtl(container, document)) {
        missing.push({ container, id: String(document.id) });
      }
    }
  }
  return missing;
}
