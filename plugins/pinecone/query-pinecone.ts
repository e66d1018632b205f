import type { Index, RecordMetadata } from '@pinecone-database/pinecone';
import type { LoggerV1 } from '../../runtime/spec/v1/tool-executor.js';

/** Pinecone's largest `topK` when the matches carry metadata or values. */
export const maxTopKWithMetadata = 1000;
/** Pinecone's largest `topK` of a query. */
export const maxTopK = 10_000;
/** Ids per fetch request when a large query's metadata is read afterwards. */
const fetchBatchSize = 100;

/**
 * One Pinecone query as weft asks it.
 *
 * @example
 * const request: PineconeQuery = { vector: [1, 0], topK: 5, includeValues: false };
 */
export interface PineconeQuery {
  readonly vector: readonly number[];
  readonly topK: number;
  readonly filter?: object;
  readonly includeValues: boolean;
  /** The weft index, for messages. */
  readonly index: string;
}

/**
 * A match with its metadata (and values when asked).
 *
 * @example
 * const match: PineconeMatch = { id: 'a', score: 0.9, metadata: { lang: 'en' } };
 */
export interface PineconeMatch {
  readonly id: string;
  readonly score: number;
  readonly metadata?: RecordMetadata;
  readonly values?: readonly number[];
}

/**
 * Runs a query of any `topK` within Pinecone's limits: up to 1000 in one request with metadata;
 * above that (Pinecone returns at most 1000 matches with metadata or values) the ids and scores
 * come first, up to 10000, then their metadata and values through `fetch` in batches of 100. A
 * `topK` above 10000 is clamped to 10000 with a warning on the logger. `call` wraps each request
 * (timeout, retries, error mapping).
 *
 * @example
 * const matches = await queryPinecone(index, { index: 'docs', vector, topK: 2500, includeValues: false }, call, logger);
 */
export async function queryPinecone(
  index: Index,
  request: PineconeQuery,
  call: <T>(run: () => Promise<T>) => Promise<T>,
  logger?: LoggerV1,
): Promise<PineconeMatch[]> {
  const { vector, filter, includeValues } = request;
  if (request.topK <= maxTopKWithMetadata) {
    const response = await call(() =>
      index.query({
        vector: [...vector],
        topK: request.topK,
        includeMetadata: true,
        includeValues,
        ...(filter === undefined ? {} : { filter }),
      }),
    );
    return response.matches.map((match) => toMatch(match.id, match.score, match.metadata, match.values));
  }
  if (request.topK > maxTopK) {
    logger?.warn(
      `pinecone: topK ${request.topK} on "${request.index}" is above Pinecone's limit of ${maxTopK}: the ${maxTopK} nearest are returned.`,
      { store: 'pinecone', index: request.index, topK: request.topK, limit: maxTopK },
    );
  }
  const response = await call(() =>
    index.query({
      vector: [...vector],
      topK: Math.min(request.topK, maxTopK),
      includeMetadata: false,
      includeValues: false,
      ...(filter === undefined ? {} : { filter }),
    }),
  );
  const ids = response.matches.map((match) => match.id);
  const records = new Map<string, { metadata?: RecordMetadata; values?: readonly number[] }>();
  for (let start = 0; start < ids.length; start += fetchBatchSize) {
    const fetched = await call(() => index.fetch({ ids: ids.slice(start, start + fetchBatchSize) }));
    for (const [id, record] of Object.entries(fetched.records)) records.set(id, record);
  }
  // A match deleted between the query and the fetch is dropped.
  return response.matches.flatMap((match) => {
    const record = records.get(match.id);
    return record === undefined
      ? []
      : [toMatch(match.id, match.score, record.metadata, includeValues ? record.values : undefined)];
  });
}

function toMatch(
  id: string,
  score: number | undefined,
  metadata: RecordMetadata | undefined,
  values: readonly number[] | undefined,
): PineconeMatch {
  return {
    id,
    score: score ?? 0,
    ...(metadata === undefined ? {} : { metadata }),
    ...(values === undefined ? {} : { values }),
  };
}
