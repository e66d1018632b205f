import type { ParseResult } from '@marcbachmann/cel-js';
import { WeftError } from '../errors/weft-error.js';
import { celEnvironment } from './cel-environment.js';
import { fromCelValue, toCelValue } from './cel-values.js';
import { type ExpressionScope, expressionRoots } from './expression-scope.js';

const maxCachedPrograms = 10_000;
const programs = new Map<string, ParseResult>();

function program(source: string): ParseResult {
  let parsed = programs.get(source);
  if (parsed === undefined) {
    try {
      parsed = celEnvironment().parse(source);
    } catch (cause) {
      throw expressionFailed(source, cause);
    }
    if (programs.size >= maxCachedPrograms) {
      const oldest = programs.keys().next();
      if (oldest.done !== true) programs.delete(oldest.value);
    }
    programs.set(source, parsed);
  }
  return parsed;
}

function expressionFailed(source: string, cause: unknown): WeftError {
  const reason = cause instanceof Error ? firstLine(readSummary(cause) ?? cause.message) : String(cause);
  return new WeftError('EXPRESSION_FAILED', {
    message: `The expression "${source}" failed: ${reason}`,
    details: { expression: source, reason },
    cause,
  });
}

function readSummary(error: Error): string | undefined {
  const summary: unknown = Reflect.get(error, 'summary');
  return typeof summary === 'string' ? summary : undefined;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/**
 * The engine adds to `steps` as a run advances, so that record is rebuilt on every evaluation;
 * the outputs inside it never change once journaled, so they are converted once (memoised).
 */
function celSteps(steps: NonNullable<ExpressionScope['steps']>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of Object.keys(steps)) {
    const entry = steps[id];
    if (entry !== undefined) out[id] = { output: toCelValue(entry.output) };
  }
  return out;
}

function celContext(scope: ExpressionScope): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const root of expressionRoots) {
    const value = scope[root];
    if (value === undefined) continue;
    context[root] =
      root === 'steps' ? celSteps(value as NonNullable<ExpressionScope['steps']>) : toCelValue(value);
  }
  return context;
}

function run(source: string, scope: ExpressionScope): unknown {
  const parsed = program(source);
  let result: unknown;
  try {
    result = parsed(celContext(scope));
  } catch (cause) {
    throw expressionFailed(source, cause);
  }
  if (result instanceof Promise) {
    throw new WeftError('EXPRESSION_FAILED', {
      message: `The expression "${source}" is asynchronous, which weft does not allow.`,
      details: { expression: source },
    });
  }
  return result;
}

/**
 * Evaluates a CEL expression over the scope and returns JSON: CEL ints (BigInt) become numbers,
 * maps plain objects. Parsed programs are cached by source. Throws a WeftError
 * `EXPRESSION_FAILED` when the expression cannot be parsed or evaluated.
 *
 * @example
 * evaluateCel('input.amount * 2', { input: { amount: 21 } }); // 42
 * evaluateCel('sum(steps.squares.output.map(s, s.value))', scope); // a number
 */
export function evaluateCel(source: string, scope: ExpressionScope): unknown {
  return fromCelValue(run(source, scope), source);
}

/**
 * Evaluates a CEL condition (`when`, `until`, `while`, `filter`, switch `when`). Throws a
 * WeftError `EXPRESSION_FAILED` when it fails or does not give a boolean.
 *
 * @example
 * evaluateCondition('steps.approve.output.approved', scope); // true
 */
export function evaluateCondition(source: string, scope: ExpressionScope): boolean {
  const result = run(source, scope);
  if (typeof result !== 'boolean') {
    throw new WeftError('EXPRESSION_FAILED', {
      message: `The condition "${source}" gave ${typeof result === 'bigint' ? 'an int' : typeof result}, not a boolean.`,
      details: { expression: source },
    });
  }
  return result;
}
