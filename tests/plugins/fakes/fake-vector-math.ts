/**
 * Vector arithmetic the fake services use to rank, each in the service's own terms.
 *
 * @example
 * dot([1, 2], [3, 4]); // 11
 */
export function dot(left: readonly number[], right: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

/**
 * The cosine similarity (0 when a vector is all zeros).
 *
 * @example
 * cosine([1, 0], [1, 1]); // 0.7071...
 */
export function cosine(left: readonly number[], right: readonly number[]): number {
  const norms = Math.sqrt(dot(left, left)) * Math.sqrt(dot(right, right));
  return norms === 0 ? 0 : dot(left, right) / norms;
}

/**
 * The squared Euclidean distance.
 *
 * @example
 * squaredDistance([0, 0], [3, 4]); // 25
 */
export function squaredDistance(left: readonly number[], right: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    sum += difference * difference;
  }
  return sum;
}

/**
 * Whether a value is an array of finite numbers.
 *
 * @example
 * isNumberArray([1, 2]); // true
 */
export function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item));
}

/**
 * Whether a value is a plain JSON object.
 *
 * @example
 * isObject({ a: 1 }); // true
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys of `value` outside `allowed` (the fakes reject unknown fields like the services).
 *
 * @example
 * unknownKeys({ a: 1, b: 2 }, ['a']); // ['b']
 */
export function unknownKeys(value: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(value).filter((key) => !allowed.includes(key));
}
