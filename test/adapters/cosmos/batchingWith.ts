import type { Container } from '@azure/cosmos';

export type Batch = Container['items']['batch'];

/**
 * The container, with every transactional batch sent through `batch`, which is given the real
 * one: to lose an answer after the batch landed, or to answer as Cosmos DB would when the
 * embedded server cannot be made to (a refused batch, a gateway that is gone).
 */
export function batchingWith(
  container: Container,
  batch: (real: Batch, ...args: Parameters<Batch>) => Promise<unknown>,
): Container {
  const bound = (target: object, value: unknown) =>
    typeof value === 'function' ? (value as () => unknown).bind(target) : value;
  return new Proxy(container, {
    get(target, property) {
      if (property !== 'items') return bound(target, Reflect.get(target, property, target));
      const items = target.items;
      const real: Batch = items.batch.bind(items);
      return new Proxy(items, {
        get(itemsTarget, name) {
          if (name === 'batch') return (...args: Parameters<Batch>) => batch(real, ...args);
          return bound(itemsTarget, Reflect.get(itemsTarget, name, itemsTarget));
        },
      });
    },
  });
}
