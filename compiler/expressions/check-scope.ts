import type { DataSchema } from './data-schema.js';

/** The roots an expression may name, besides `steps`. */
export type ScopeRoot = 'input' | 'item' | 'index' | 'iteration' | 'error' | 'resume' | 'response';

/** Where each step of a workflow sits: the containers (sequence keys) that enclose it. */
export interface StepPlacement {
  readonly containers: readonly string[];
}

/**
 * What an expression can see at one place of a manifest: the schemas of the visible roots, the
 * completed and visible steps, and (in workflows) every step with its placement, to tell
 * "not yet run" from "hidden in a container".
 *
 * @example
 * const scope: CheckScope = { roots: { input: inputSchema }, steps: new Map([['lookup', lookupOutput]]) };
 */
export interface CheckScope {
  readonly roots: Readonly<Partial<Record<ScopeRoot, DataSchema>>>;
  readonly steps: ReadonlyMap<string, DataSchema>;
  readonly allSteps?: ReadonlyMap<string, StepPlacement>;
  /** The containers enclosing the current place (same keys as `StepPlacement.containers`). */
  readonly containers?: readonly string[];
  /** Roots that exist but not here, with the reason shown to the user. */
  readonly rootHints?: Readonly<Partial<Record<ScopeRoot | 'steps', string>>>;
}

/** The schema of `error` inside `catch` and `onError` steps. */
export const errorSchema: DataSchema = {
  type: 'object',
  required: ['code', 'message', 'step'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    step: { type: 'string' },
    details: {},
  },
  additionalProperties: false,
};

/** The schema of `index` and `iteration`. */
export const counterSchema: DataSchema = { type: 'integer', minimum: 0 };

/** Every root name, for did-you-mean on an unknown root. */
export const allRootNames = [
  'input',
  'steps',
  'item',
  'index',
  'iteration',
  'error',
  'resume',
  'response',
  'env',
] as const;

/** A scope seeing only `input` (tools, integration actions). */
export function inputOnlyScope(input: DataSchema): CheckScope {
  return { roots: { input }, steps: new Map() };
}
