import type { VectorMetadataV1, VectorMetadataValueV1 } from '../../spec/v1/vector-store.js';

/**
 * A flat metadata value of a store without nested objects.
 *
 * @example
 * const value: FlatMetadataValue = ['a', 'b'];
 */
export type FlatMetadataValue = string | number | boolean | readonly VectorMetadataValueV1[];

/**
 * Flattens nested objects to dotted keys (`{ author: { name: 'Ada' } }` -> `{ 'author.name': 'Ada' }`)
 * for stores whose metadata is flat, so that a filter on the dotted path works unchanged; `null`
 * values are dropped (a missing field and `null` mean the same in weft filters). `checkArray` sees
 * every array (the store refuses the ones it cannot hold by throwing).
 *
 * @example
 * flattenMetadata({ author: { name: 'Ada' }, draft: null }, () => undefined); // { 'author.name': 'Ada' }
 */
export function flattenMetadata(
  metadata: VectorMetadataV1,
  checkArray: (key: string, value: readonly VectorMetadataValueV1[]) => void,
): Record<string, FlatMetadataValue> {
  const flat: Record<string, FlatMetadataValue> = {};
  const visit = (value: VectorMetadataValueV1, key: string): void => {
    if (value === null) return;
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
      flat[key] = value;
    else if (Array.isArray(value)) {
      checkArray(key, value);
      flat[key] = [...value];
    } else {
      for (const [child, nested] of Object.entries(value)) visit(nested, `${key}.${child}`);
    }
  };
  for (const [key, value] of Object.entries(metadata)) visit(value, key);
  return flat;
}

/**
 * Nests dotted keys again (the inverse of `flattenMetadata`; keys that contained dots before
 * flattening come back nested).
 *
 * @example
 * nestMetadata({ 'author.name': 'Ada', lang: 'en' }); // { author: { name: 'Ada' }, lang: 'en' }
 */
export function nestMetadata(metadata: Readonly<Record<string, unknown>>): VectorMetadataV1 {
  const result: Record<string, VectorMetadataValueV1> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null || value === undefined) continue;
    const path = key.split('.');
    let target = result;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
        target = next as Record<string, VectorMetadataValueV1>;
      } else {
        const created: Record<string, VectorMetadataValueV1> = {};
        target[segment] = created;
        target = created;
      }
    }
    target[path[path.length - 1] ?? key] = (
      Array.isArray(value) ? [...value] : value
    ) as VectorMetadataValueV1;
  }
  return result;
}
