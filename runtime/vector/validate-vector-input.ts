import { weftError } from '../errors/create-weft-error.js';
import type { CreateVectorIndexV1, VectorMetricV1, VectorRecordV1 } from '../spec/v1/vector-store.js';

const indexNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const metrics: readonly VectorMetricV1[] = ['cosine', 'euclidean', 'dotproduct'];

/**
 * Checks an index name: 1 to 63 letters, digits, `-` or `_`, starting with a letter or a digit
 * (`VALIDATION_FAILED`). Hosted adapters may normalise names further.
 *
 * @example
 * validateIndexName('help-center'); // ok
 */
export function validateIndexName(name: unknown): string {
  if (typeof name === 'string' && indexNamePattern.test(name)) return name;
  throw weftError('VALIDATION_FAILED', {
    message: `Invalid vector index name ${JSON.stringify(name)}: use 1-63 letters, digits, "-" or "_", starting with a letter or digit.`,
    details: { index: name },
  });
}

/**
 * Checks `createIndex` options: a valid name, a positive integer dimension, a known metric.
 *
 * @example
 * validateCreateIndex({ name: 'docs', dimension: 384, metric: 'cosine' });
 */
export function validateCreateIndex(options: CreateVectorIndexV1): CreateVectorIndexV1 {
  validateIndexName(options.name);
  if (!Number.isInteger(options.dimension) || options.dimension < 1) {
    throw weftError('VALIDATION_FAILED', {
      message: `The dimension of vector index "${options.name}" must be a positive integer, got ${String(options.dimension)}.`,
      details: { index: options.name, dimension: options.dimension },
    });
  }
  if (!metrics.includes(options.metric)) {
    throw weftError('VALIDATION_FAILED', {
      message: `Unknown vector metric ${JSON.stringify(options.metric)} (known: ${metrics.join(', ')}).`,
      details: { index: options.name, metric: options.metric },
    });
  }
  return options;
}

/**
 * Checks a vector against an index: `VECTOR_DIMENSION_MISMATCH` (naming the id, the expected and
 * the actual length) or `VALIDATION_FAILED` for a non-finite number or, under `cosine`, an
 * all-zero vector (its similarity is undefined). `id` is omitted for a query vector.
 *
 * @example
 * validateVectorValues({ index: 'docs', dimension: 3, metric: 'cosine', vector: [1, 0, 0], id: 'a' });
 */
export function validateVectorValues(input: {
  readonly index: string;
  readonly dimension: number;
  readonly metric: VectorMetricV1;
  readonly vector: unknown;
  readonly id?: string;
}): readonly number[] {
  const { index, dimension, vector, id } = input;
  const subject = id === undefined ? 'The query vector' : `Vector "${id}"`;
  const where = id === undefined ? {} : { id };
  if (!Array.isArray(vector)) {
    throw weftError('VALIDATION_FAILED', {
      message: `${subject} of index "${index}" is not an array of numbers.`,
      details: { index, ...where },
    });
  }
  if (vector.length !== dimension) {
    throw weftError('VECTOR_DIMENSION_MISMATCH', {
      message: `${subject} has ${vector.length} numbers; index "${index}" has dimension ${dimension}.`,
      details: { index, ...where, expected: dimension, actual: vector.length },
    });
  }
  let zero = true;
  for (let position = 0; position < vector.length; position += 1) {
    const value: unknown = vector[position];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw weftError('VALIDATION_FAILED', {
        message: `${subject} of index "${index}" has a non-finite value at position ${position}.`,
        details: { index, ...where, position },
      });
    }
    if (value !== 0) zero = false;
  }
  if (zero && input.metric === 'cosine') {
    throw weftError('VALIDATION_FAILED', {
      message: `${subject} of cosine index "${index}" is all zeros: its cosine similarity is undefined.`,
      details: { index, ...where },
    });
  }
  return vector as readonly number[];
}

/**
 * Checks the records of an upsert: non-empty string ids, valid vectors, metadata a plain JSON
 * object. Returns the records deduplicated by id (the last one wins), in first-seen order.
 *
 * @example
 * const records = validateVectorRecords({ index: 'docs', dimension: 2, metric: 'dotproduct', vectors });
 */
export function validateVectorRecords(input: {
  readonly index: string;
  readonly dimension: number;
  readonly metric: VectorMetricV1;
  readonly vectors: readonly VectorRecordV1[];
}): VectorRecordV1[] {
  const { index, vectors } = input;
  if (!Array.isArray(vectors)) {
    throw weftError('VALIDATION_FAILED', {
      message: `An upsert into "${index}" needs an array of vectors.`,
      details: { index },
    });
  }
  const byId = new Map<string, VectorRecordV1>();
  for (const record of vectors) {
    const id = validateVectorId(index, record?.id);
    validateVectorValues({ ...input, vector: record.vector, id });
    const metadata: unknown = record.metadata;
    if (
      metadata !== undefined &&
      (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    ) {
      throw weftError('VALIDATION_FAILED', {
        message: `The metadata of vector "${id}" in index "${index}" must be an object.`,
        details: { index, id },
      });
    }
    byId.set(id, record);
  }
  return [...byId.values()];
}

/**
 * Checks an id: a non-empty string (`VALIDATION_FAILED`).
 *
 * @example
 * validateVectorId('docs', 'chunk-1');
 */
export function validateVectorId(index: string, id: unknown): string {
  if (typeof id === 'string' && id !== '') return id;
  throw weftError('VALIDATION_FAILED', {
    message: `Vector ids in index "${index}" must be non-empty strings, got ${JSON.stringify(id) ?? String(id)}.`,
    details: { index },
  });
}

/**
 * Checks a query's `topK`: a positive integer (`VALIDATION_FAILED`).
 *
 * @example
 * validateTopK('docs', 10);
 */
export function validateTopK(index: string, topK: unknown): number {
  if (typeof topK === 'number' && Number.isInteger(topK) && topK >= 1) return topK;
  throw weftError('VALIDATION_FAILED', {
    message: `topK must be a positive integer, got ${String(topK)}.`,
    details: { index, topK },
  });
}
