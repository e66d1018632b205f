/**
 * The variables an expression sees at run time. Each root is optional: the engine passes only the
 * roots that are visible where the expression is evaluated (see docs/manifest-language.md).
 * Values are JSON (the engine never mutates a value after handing it to an expression).
 *
 * @example
 * const scope: ExpressionScope = { input: { orderId: 'A1' }, steps: { lookup: { output: { total: 42 } } } };
 * evaluateValue({ $ref: ['steps', 'lookup', 'output', 'total'] }, scope); // 42
 */
export interface ExpressionScope {
  input?: unknown;
  steps?: Readonly<Record<string, { output: unknown }>>;
  item?: unknown;
  index?: number;
  iteration?: number;
  error?: unknown;
  resume?: unknown;
  response?: unknown;
}

/** The names of the expression roots, in a fixed order. */
export const expressionRoots = [
  'input',
  'steps',
  'item',
  'index',
  'iteration',
  'error',
  'resume',
  'response',
] as const;

/** One expression root name. */
export type ExpressionRoot = (typeof expressionRoots)[number];
