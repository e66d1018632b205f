import type { StepV1 } from '../../runtime/spec/v1/graph.js';
import type { Reporter } from '../check/reporter.js';
import { celSource } from '../expressions/cel-source.js';
import { type CelCheck, type CelExpectation, checkCel } from '../expressions/check-cel.js';
import type { CheckScope, ScopeRoot, StepPlacement } from '../expressions/check-scope.js';
import type { DataSchema } from '../expressions/data-schema.js';
import type { LinkIndex } from '../link/link-index.js';
import type { StepList } from '../manifest-types.js';

/** What every step transform of one workflow shares. */
export interface StepContext {
  readonly reporter: Reporter;
  readonly index: LinkIndex;
  readonly allSteps: ReadonlyMap<string, StepPlacement>;
  readonly uses: {
    readonly workflows: Set<string>;
    readonly tools: Set<string>;
    readonly agents: Set<string>;
  };
}

/** The scope at a point of a sequence: visible roots, completed visible steps, enclosing containers. */
export interface SequenceScope {
  readonly roots: Readonly<Partial<Record<ScopeRoot, DataSchema>>>;
  readonly steps: ReadonlyMap<string, DataSchema>;
  readonly containers: readonly string[];
}

/** The result of a sequence: its steps, the schema of its last output, and what it leaves visible. */
export interface SequenceResult {
  readonly steps: StepV1[];
  readonly last: DataSchema;
  readonly visible: ReadonlyMap<string, DataSchema>;
}

/** Normalises a nested step list (passed down to container transforms to avoid an import cycle). */
export type RunSequence = (
  list: StepList,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
) => SequenceResult;

/**
 * The check scope of a sequence point.
 *
 * @example
 * checkScopeOf(scope, context).steps.has('lookup'); // true after the lookup step
 */
export function checkScopeOf(scope: SequenceScope, context: StepContext): CheckScope {
  return { roots: scope.roots, steps: scope.steps, allSteps: context.allSteps, containers: scope.containers };
}

/** The schema that stands for a value that may be absent (a skipped step, a switch with no match). */
export const nullSchema: DataSchema = { type: 'null' };

/**
 * Checks a CEL condition or list expression at a sequence point and returns the source the graph
 * stores (step ids with dashes rewritten to the index form) with the check result.
 *
 * @example
 * celAt('steps.check-stock.output.ok', scope, context, '/spec/steps/1/when', 'bool').source;
 * // 'steps["check-stock"].output.ok'
 */
export function celAt(
  source: string,
  scope: SequenceScope,
  context: StepContext,
  pointer: string,
  expect: CelExpectation,
): { source: string; checked: CelCheck | undefined } {
  const checkScope = checkScopeOf(scope, context);
  const rewritten = celSource(source, checkScope);
  return {
    source: rewritten,
    checked: checkCel(rewritten, checkScope, { reporter: context.reporter, pointer }, expect),
  };
}
