import type { ErrorObject } from 'ajv';
import type { SchemaRegistry } from './schema-registry.js';

type SchemaNode = { readonly [keyword: string]: unknown };

/** What to do with a failed `oneOf` / `anyOf`: validate one branch, or report one problem. */
export type BranchDecision =
  | { readonly type: 'branch'; readonly schema: SchemaNode }
  | { readonly type: 'one-kind-key'; readonly keys: readonly string[]; readonly present: readonly string[] }
  | {
      readonly type: 'discriminator';
      readonly property: string;
      readonly allowed: readonly unknown[];
      readonly found: unknown;
    }
  | { readonly type: 'wrong-type'; readonly expected: readonly string[] }
  | { readonly type: 'no-match'; readonly descriptions: readonly string[] };

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(schemaType: unknown, actual: string): boolean {
  const types = Array.isArray(schemaType) ? schemaType : [schemaType];
  return types.some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

function requiredKeys(schema: SchemaNode): string[] {
  return Array.isArray(schema.required)
    ? schema.required.filter((key): key is string => typeof key === 'string')
    : [];
}

function constDiscriminator(branches: readonly SchemaNode[]): string | undefined {
  const first = branches[0]?.properties;
  if (typeof first !== 'object' || first === null) return undefined;
  return Object.keys(first).find((key) =>
    branches.every((branch) => {
      const property = (branch.properties as Record<string, SchemaNode | undefined> | undefined)?.[key];
      return property !== undefined && 'const' in property && requiredKeys(branch).includes(key);
    }),
  );
}

function byDiscriminator(
  data: Record<string, unknown>,
  branches: readonly SchemaNode[],
  key: string,
): BranchDecision {
  const constOf = (branch: SchemaNode) => (branch.properties as Record<string, SchemaNode>)[key]?.const;
  const chosen = branches.find((branch) => constOf(branch) === data[key]);
  if (chosen !== undefined) return { type: 'branch', schema: chosen };
  return { type: 'discriminator', property: key, allowed: branches.map(constOf), found: data[key] };
}

function byKindKey(
  data: Record<string, unknown>,
  branches: readonly SchemaNode[],
): BranchDecision | undefined {
  const lists = branches.map(requiredKeys);
  const common = (lists[0] ?? []).filter((key) => lists.every((list) => list.includes(key)));
  const own = lists.map((list) => list.filter((key) => !common.includes(key)));
  if (own.some((keys) => keys.length === 0)) return undefined;
  const keys = [...new Set(own.flat())];
  const present = keys.filter((key) => key in data);
  const matching = branches.filter((_branch, index) => own[index]?.some((key) => key in data));
  const only = matching[0];
  if (matching.length === 1 && only !== undefined) return { type: 'branch', schema: only };
  return { type: 'one-kind-key', keys: own.map((list) => list.join('+')), present };
}

/**
 * Picks the `oneOf`/`anyOf` branch a value was meant to match, so that only that branch's
 * errors are reported: by a `const` discriminator (`type: bearer`), by the one kind key present
 * (a step's `tool:`), or by JSON type (`jitter: true`). Otherwise says why no branch fits.
 *
 * @example
 * selectBranch(error, registry); // { type: 'branch', schema: <the toolStep schema> }
 */
export function selectBranch(error: ErrorObject, registry: SchemaRegistry): BranchDecision {
  const parent = error.parentSchema as SchemaNode | undefined;
  const raw = (parent?.[error.keyword] ?? []) as unknown[];
  const branches = raw.map((branch) => registry.resolve(branch)).filter((branch) => branch !== undefined);
  const data = error.data;
  const type = jsonType(data);
  if (type === 'object') {
    const record = data as Record<string, unknown>;
    const discriminator = constDiscriminator(branches);
    if (discriminator !== undefined && discriminator in record)
      return byDiscriminator(record, branches, discriminator);
    const byKey = byKindKey(record, branches);
    if (byKey !== undefined) return byKey;
  }
  const typed = branches.filter((branch) => branch.type === undefined || typeMatches(branch.type, type));
  const onlyTyped = typed[0];
  if (typed.length === 1 && onlyTyped !== undefined) return { type: 'branch', schema: onlyTyped };
  if (typed.length === 0) {
    const expected = [
      ...new Set(branches.flatMap((branch) => (Array.isArray(branch.type) ? branch.type : [branch.type]))),
    ];
    return {
      type: 'wrong-type',
      expected: expected.filter((value): value is string => typeof value === 'string'),
    };
  }
  const descriptions = typed.map((branch) =>
    typeof branch.description === 'string' ? branch.description : '',
  );
  return { type: 'no-match', descriptions: descriptions.filter((text) => text !== '') };
}
