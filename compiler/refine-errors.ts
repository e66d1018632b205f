import type { ErrorObject } from 'ajv';
import type { SchemaRegistry } from './schema-registry.js';
import { type BranchDecision, selectBranch } from './select-branch.js';

/** A schema problem after `oneOf` noise is removed: a plain Ajv error, or a branch decision. */
export type SchemaIssue =
  | { readonly type: 'error'; readonly error: ErrorObject }
  | {
      readonly type: 'decision';
      readonly instancePath: string;
      readonly decision: Exclude<BranchDecision, { type: 'branch' }>;
    };

const isUnder = (path: string, parent: string): boolean => path === parent || path.startsWith(`${parent}/`);
const depth = (path: string): number => (path === '' ? 0 : path.split('/').length);
const isAlternative = (error: ErrorObject): boolean => error.keyword === 'oneOf' || error.keyword === 'anyOf';

function prefixed(error: ErrorObject, prefix: string): ErrorObject {
  return { ...error, instancePath: `${prefix}${error.instancePath}` };
}

/**
 * Removes the noise of failed `oneOf`/`anyOf` keywords: for each (outermost first) the errors
 * of all its branches are dropped, the intended branch is picked (`selectBranch`) and the value
 * is validated again against that branch alone, recursively. What is left is what a user should
 * read.
 *
 * @example
 * refineErrors(validator.errors ?? [], registry); // [{ type: 'error', error: { keyword: 'type', ... } }]
 */
export function refineErrors(
  errors: readonly ErrorObject[],
  registry: SchemaRegistry,
  budget = { left: 200 },
): SchemaIssue[] {
  const claimed = new Set<number>();
  const issues: SchemaIssue[] = [];
  const alternatives = errors
    .map((error, index) => ({ error, index }))
    .filter(({ error }) => isAlternative(error))
    .sort((a, b) => depth(a.error.instancePath) - depth(b.error.instancePath));
  for (const { error, index } of alternatives) {
    if (claimed.has(index)) continue;
    claimed.add(index);
    const path = error.instancePath;
    errors.forEach((other, otherIndex) => {
      const sibling = other.instancePath === path && other.parentSchema === error.parentSchema;
      if (otherIndex < index && isUnder(other.instancePath, path) && !sibling) claimed.add(otherIndex);
    });
    issues.push(...decide(error, registry, budget));
  }
  errors.forEach((error, index) => {
    if (!claimed.has(index)) issues.push({ type: 'error', error });
  });
  return issues;
}

function decide(error: ErrorObject, registry: SchemaRegistry, budget: { left: number }): SchemaIssue[] {
  const decision = selectBranch(error, registry);
  if (decision.type !== 'branch') return [{ type: 'decision', instancePath: error.instancePath, decision }];
  const validator = registry.validatorFor(decision.schema);
  budget.left -= 1;
  if (validator === undefined || budget.left < 0) return [{ type: 'error', error }];
  if (validator(error.data) === true) return [];
  const nested = (validator.errors ?? []).map((nestedError) => prefixed(nestedError, error.instancePath));
  return refineErrors(nested, registry, budget);
}
