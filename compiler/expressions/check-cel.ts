import type { ASTNode } from '@marcbachmann/cel-js';
import { celCheckEnvironment, celEnvironment } from '../../runtime/expressions/index.js';
import type { DiagnosticSink } from '../check/reporter.js';
import { checkOperandTypes } from './check-operand-types.js';
import { allRootNames, type CheckScope, counterSchema } from './check-scope.js';
import { celTypeOf, type DataSchema, memberOf, schemaOfCelType } from './data-schema.js';
import type { PathSegment } from './reference-path.js';
import { type ReferenceSite, resolveReference } from './resolve-reference.js';

/** What a CEL expression must give: a condition, a list (foreach items), or anything. */
export type CelExpectation = 'bool' | 'list' | 'any';

/** The result of a successful check: the CEL type and the JSON Schema of the result. */
export interface CelCheck {
  readonly type: string;
  readonly schema: DataSchema;
}

const macros = new Set([
  'map',
  'filter',
  'all',
  'exists',
  'exists_one',
  'sortBy',
  'transformList',
  'transformMap',
]);

interface Chain {
  readonly root: string;
  readonly segments: PathSegment[];
}

/** The member chain a node is (`steps.a.output.items[0]`), or undefined when it is not one. */
function chainOf(node: ASTNode): Chain | undefined {
  if (node.op === 'id') return { root: node.args, segments: [node.args] };
  if (node.op === '.' || node.op === '.?') {
    const inner = chainOf(node.args[0]);
    if (inner === undefined) return undefined;
    return { root: inner.root, segments: [...inner.segments, node.args[1]] };
  }
  if (node.op === '[]' || node.op === '[?]') {
    const inner = chainOf(node.args[0]);
    if (inner === undefined) return undefined;
    const index = node.args[1];
    const key = index.op === 'value' ? index.args : undefined;
    const segment = typeof key === 'bigint' ? Number(key) : typeof key === 'string' ? key : '*';
    return { root: inner.root, segments: [...inner.segments, segment] };
  }
  return undefined;
}

function childrenOf(node: ASTNode): ASTNode[] {
  const out: ASTNode[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const element of value) visit(element);
    else if (typeof value === 'object' && value !== null && 'op' in value && 'args' in value)
      out.push(value as ASTNode);
  };
  visit(node.args);
  return out;
}

/** Checks every root chain of the AST against the scope; returns false when one is wrong. */
function checkChains(
  node: ASTNode,
  scope: CheckScope,
  site: ReferenceSite,
  bound: ReadonlySet<string>,
): boolean {
  const chain = chainOf(node);
  if (
    chain !== undefined &&
    !bound.has(chain.root) &&
    (allRootNames as readonly string[]).includes(chain.root)
  ) {
    const ok = resolveReference(chain.segments, scope, site) !== undefined;
    const dynamicIndexes = node.op === '[]' ? [node.args[1]] : [];
    return dynamicIndexes.every((index) => checkChains(index, scope, site, bound)) && ok;
  }
  let inner = bound;
  if (node.op === 'rcall' && macros.has(node.args[0])) {
    const variable = node.args[2][0];
    if (variable?.op === 'id') inner = new Set([...bound, variable.args]);
  }
  let ok = true;
  for (const child of childrenOf(node)) ok = checkChains(child, scope, site, inner) && ok;
  return ok;
}

function variableTypes(scope: CheckScope): Record<string, string> {
  const types: Record<string, string> = {};
  for (const [root, schema] of Object.entries(scope.roots)) {
    types[root] = root === 'index' || root === 'iteration' ? 'int' : celTypeOf(schema ?? {});
  }
  types.steps = 'map<string, dyn>';
  return types;
}

const silentSink: DiagnosticSink = { error: () => undefined, errorAtText: () => undefined };

/** The schema of a whole-expression chain (or a `.filter()` of one), when the AST is one. */
function directSchema(ast: ASTNode, scope: CheckScope, site: ReferenceSite): DataSchema | undefined {
  const chain = chainOf(ast);
  const quiet: ReferenceSite = { reporter: silentSink, pointer: site.pointer };
  if (chain !== undefined) {
    if (chain.root === 'index' || chain.root === 'iteration') return counterSchema;
    return resolveReference(chain.segments, scope, quiet);
  }
  if (ast.op === 'rcall' && ast.args[0] === 'filter') return directSchema(ast.args[1], scope, site);
  return undefined;
}

function summaryOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const summary: unknown = Reflect.get(error, 'summary');
  return (typeof summary === 'string' ? summary : error.message).split('\n', 1)[0] ?? '';
}

/**
 * Parses and type-checks a CEL expression against the scope: every `input.*`/`steps.*` path must
 * exist (REF_* codes), the expression must type-check (`CEL_SYNTAX`, `CEL_TYPE`) and give what
 * is expected (`CEL_NOT_BOOLEAN`, `CEL_NOT_LIST`). Returns the result type, or undefined after
 * reporting.
 *
 * @example
 * checkCel('size(steps.fetch.output.items) > 0', scope, site, 'bool'); // { type: 'bool', schema: { type: 'boolean' } }
 */
export function checkCel(
  source: string,
  scope: CheckScope,
  site: ReferenceSite,
  expect: CelExpectation,
): CelCheck | undefined {
  let ast: ASTNode;
  try {
    ast = celEnvironment().parse(source).ast;
  } catch (error) {
    site.reporter.error(
      'CEL_SYNTAX',
      site.pointer,
      `The CEL expression "${source}" cannot be parsed: ${summaryOf(error)}.`,
      /\w-\w/.test(source) ? 'Names with dashes need the index form: steps["my-step"].output.' : undefined,
    );
    return undefined;
  }
  if (!checkChains(ast, scope, site, new Set())) return undefined;
  if (!checkOperandTypes(ast, scope, site, source)) return undefined;
  const result = celCheckEnvironment(variableTypes(scope)).check(source);
  if (!result.valid) {
    const hint = /\w-\w/.test(source)
      ? 'Names with dashes need the index form: steps["my-step"].output.'
      : undefined;
    site.reporter.error(
      'CEL_TYPE',
      site.pointer,
      `The CEL expression "${source}" does not type-check: ${summaryOf(result.error)}.`,
      hint,
    );
    return undefined;
  }
  const direct = directSchema(ast, scope, site);
  const type =
    direct === undefined
      ? (result.type ?? 'dyn')
      : result.type === 'dyn' || result.type === undefined
        ? celTypeOf(direct)
        : result.type;
  if (expect === 'bool' && type !== 'bool' && type !== 'dyn') {
    site.reporter.error(
      'CEL_NOT_BOOLEAN',
      site.pointer,
      `The condition "${source}" gives ${type}, not bool.`,
      'Compare it: `x == "value"`, `size(x) > 0`.',
    );
    return undefined;
  }
  if (expect === 'list' && !type.startsWith('list') && type !== 'dyn') {
    site.reporter.error(
      'CEL_NOT_LIST',
      site.pointer,
      `The items expression "${source}" gives ${type}, not a list.`,
      'Use a list field or range(a, b).',
    );
    return undefined;
  }
  return { type, schema: direct ?? schemaOfCelType(type) };
}

/**
 * The schema of the elements of a list schema (for `item` in a foreach body).
 *
 * @example
 * elementSchema({ type: 'array', items: { type: 'integer' } }); // { type: 'integer' }
 */
export function elementSchema(list: DataSchema): DataSchema {
  const lookup = memberOf(list, 0);
  return lookup.kind === 'found' ? lookup.schema : {};
}
