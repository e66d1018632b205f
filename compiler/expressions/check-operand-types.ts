import type { ASTNode } from '@marcbachmann/cel-js';
import type { CheckScope } from './check-scope.js';
import { schemaTypes } from './data-schema.js';
import type { PathSegment } from './reference-path.js';
import { type ReferenceSite, resolveReference } from './resolve-reference.js';

type Primitive = 'string' | 'number' | 'boolean';

const binaryOperators = new Set(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']);

const quiet = { error: () => undefined, errorAtText: () => undefined };

/** The member chain a node is, when it is one (`input.amount`, `steps["a"].output.n`). */
function chainSegments(node: ASTNode): PathSegment[] | undefined {
  if (node.op === 'id') return [node.args];
  if (node.op === '.' || node.op === '.?') {
    const inner = chainSegments(node.args[0]);
    return inner === undefined ? undefined : [...inner, node.args[1]];
  }
  if (node.op === '[]' || node.op === '[?]') {
    const inner = chainSegments(node.args[0]);
    const key = node.args[1].op === 'value' ? node.args[1].args : undefined;
    if (inner === undefined) return undefined;
    return [...inner, typeof key === 'bigint' ? Number(key) : typeof key === 'string' ? key : '*'];
  }
  return undefined;
}

function primitiveOfSchema(types: readonly string[] | undefined): Primitive | undefined {
  if (types === undefined || types.length !== 1) return undefined;
  const [only] = types;
  if (only === 'string') return 'string';
  if (only === 'number' || only === 'integer') return 'number';
  if (only === 'boolean') return 'boolean';
  return undefined;
}

/** What an operand is known to be: a literal's type, or a schema-typed field's. */
function operandType(
  node: ASTNode,
  scope: CheckScope,
  pointer: string,
  bound: ReadonlySet<string>,
): Primitive | undefined {
  if (node.op === 'value') {
    const value: unknown = node.args;
    if (typeof value === 'string') return 'string';
    if (typeof value === 'number' || typeof value === 'bigint') return 'number';
    if (typeof value === 'boolean') return 'boolean';
    return undefined;
  }
  const segments = chainSegments(node);
  const root = segments?.[0];
  if (segments === undefined || typeof root !== 'string' || bound.has(root)) return undefined;
  const schema = resolveReference(segments, scope, { reporter: quiet, pointer });
  return schema === undefined ? undefined : primitiveOfSchema(schemaTypes(schema));
}

function describe(node: ASTNode): string {
  return node.op === 'value' ? JSON.stringify(String(node.args)) : 'the field';
}

/**
 * Reports operators whose operands are known to be of different primitive types, such as
 * `input.amount > "ten"` where `amount` is a number (`CEL_TYPE`). CEL itself sees schema fields as
 * `dyn`, so this is where the schemas' types meet the operators. Returns false when it reported.
 *
 * @example
 * checkOperandTypes(ast, scope, site); // false after reporting `input.amount > "ten"`
 */
export function checkOperandTypes(
  node: ASTNode,
  scope: CheckScope,
  site: ReferenceSite,
  source: string,
  bound: ReadonlySet<string> = new Set(),
): boolean {
  let ok = true;
  if (binaryOperators.has(node.op) && Array.isArray(node.args) && node.args.length === 2) {
    const [left, right] = node.args as [ASTNode, ASTNode];
    const leftType = operandType(left, scope, site.pointer, bound);
    const rightType = operandType(right, scope, site.pointer, bound);
    if (leftType !== undefined && rightType !== undefined && leftType !== rightType) {
      const [field, other] = left.op === 'value' ? [rightType, left] : [leftType, right];
      site.reporter.error(
        'CEL_TYPE',
        site.pointer,
        `The CEL expression "${source}" applies ${node.op} to a ${leftType} and a ${rightType}: ${describe(other)} is not a ${field}.`,
      );
      ok = false;
    }
  }
  let inner = bound;
  if (node.op === 'rcall' && Array.isArray(node.args) && Array.isArray(node.args[2])) {
    const variable = (node.args[2] as ASTNode[])[0];
    if (variable?.op === 'id') inner = new Set([...bound, variable.args as string]);
  }
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const element of value) visit(element);
    else if (typeof value === 'object' && value !== null && 'op' in value && 'args' in value)
      ok = checkOperandTypes(value as ASTNode, scope, site, source, inner) && ok;
  };
  visit(node.args);
  return ok;
}
