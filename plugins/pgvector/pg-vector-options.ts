import { weftError } from '../../runtime/errors/create-weft-error.js';

/**
 * HNSW settings of `PgVector`. The defaults reach recall@10 >= 0.95 on 10,000 random 384-dim
 * vectors, the hard case (pgvector's own `ef_search` 40 gives about 0.33 there): see
 * docs/decisions/0009-vector-stores.md for the measurement.
 *
 * @example
 * const hnsw: PgVectorHnswOptions = { m: 16, efConstruction: 64, efSearch: 500 };
 */
export interface PgVectorHnswOptions {
  /** Links per node (`m`, default 16). */
  readonly m?: number;
  /** Candidate list size while building (`ef_construction`, default 64). */
  readonly efConstruction?: number;
  /** Candidate list size per query (`hnsw.ef_search`, default 500; raised to `topK` when smaller). */
  readonly efSearch?: number;
}

/**
 * What `PgVector` does where pgvector is available: `auto` (default) uses it and falls back to
 * exact search when the `vector` extension cannot be created; `exact` never uses it.
 *
 * @example
 * const search: PgVectorSearch = 'exact';
 */
export type PgVectorSearch = 'auto' | 'exact';

/**
 * The `vector.config` of a project using the `pgvector` adapter.
 *
 * @example
 * # weft.yaml
 * vector: { adapter: pgvector, config: { tablePrefix: weft_vec, hnsw: { efSearch: 200 } } }
 */
export interface PgVectorConfig {
  /** Prefix of the tables (default `weft_vec`): `<prefix>_indexes` plus one table per index. */
  readonly tablePrefix?: string;
  readonly search?: PgVectorSearch;
  readonly hnsw?: PgVectorHnswOptions;
}

const prefixPattern = /^[a-z_][a-z0-9_]{0,29}$/;
const hnswLimits = {
  m: [2, 100],
  efConstruction: [4, 1000],
  efSearch: [1, 1000],
} as const satisfies Record<keyof PgVectorHnswOptions, readonly [number, number]>;

/**
 * Checks a `vector.config` section for the `pgvector` adapter (`VECTOR_STORE_CONFIG_INVALID`
 * naming the field); unknown keys are errors.
 *
 * @example
 * checkPgVectorConfig({ hnsw: { efSearch: 200 } }); // { hnsw: { efSearch: 200 } }
 */
export function checkPgVectorConfig(config: unknown): PgVectorConfig {
  if (config === undefined || config === null) return {};
  const object = asObject(config, 'config');
  allowOnly(object, ['tablePrefix', 'search', 'hnsw'], 'config');
  const { tablePrefix, search, hnsw } = object;
  if (tablePrefix !== undefined && (typeof tablePrefix !== 'string' || !prefixPattern.test(tablePrefix))) {
    throw invalid('tablePrefix', 'must be 1-30 lowercase letters, digits or "_", not starting with a digit');
  }
  if (search !== undefined && search !== 'auto' && search !== 'exact') {
    throw invalid('search', 'must be "auto" or "exact"');
  }
  return {
    ...(tablePrefix === undefined ? {} : { tablePrefix: tablePrefix as string }),
    ...(search === undefined ? {} : { search }),
    ...(hnsw === undefined ? {} : { hnsw: checkHnsw(hnsw) }),
  };
}

function checkHnsw(value: unknown): PgVectorHnswOptions {
  const object = asObject(value, 'hnsw');
  const keys = Object.keys(hnswLimits) as (keyof PgVectorHnswOptions)[];
  allowOnly(object, keys, 'hnsw');
  const result: Record<string, number> = {};
  for (const key of keys) {
    const setting = object[key];
    if (setting === undefined) continue;
    const [low, high] = hnswLimits[key];
    if (typeof setting !== 'number' || !Number.isInteger(setting) || setting < low || setting > high) {
      throw invalid(`hnsw.${key}`, `must be an integer from ${low} to ${high}`);
    }
    result[key] = setting;
  }
  return result;
}

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  throw invalid(field, 'must be an object');
}

function allowOnly(object: Record<string, unknown>, allowed: readonly string[], field: string): void {
  const unknown = Object.keys(object).find((key) => !allowed.includes(key));
  if (unknown !== undefined)
    throw invalid(`${field}.${unknown}`, `is not a known setting (known: ${allowed.join(', ')})`);
}

function invalid(field: string, reason: string) {
  return weftError('VECTOR_STORE_CONFIG_INVALID', {
    message: `The pgvector store config (weft.yaml vector.config) is invalid: "${field}" ${reason}.`,
    details: { store: 'pgvector', field },
  });
}
