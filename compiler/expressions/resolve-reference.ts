import type { DiagnosticSink } from '../check/reporter.js';
import { didYouMean } from '../suggest.js';
import { allRootNames, type CheckScope, counterSchema, type ScopeRoot } from './check-scope.js';
import { type DataSchema, memberOf } from './data-schema.js';
import { formatPath, type PathSegment } from './reference-path.js';

/** Where a reference was written: the reporter and the pointer of the string holding it. */
export interface ReferenceSite {
  readonly reporter: DiagnosticSink;
  readonly pointer: string;
}

function isScopeRoot(name: string): name is ScopeRoot {
  return ['input', 'item', 'index', 'iteration', 'error', 'resume', 'response'].includes(name);
}

function startsWith(whole: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= whole.length && prefix.every((key, position) => whole[position] === key);
}

function resolveStep(
  segments: readonly PathSegment[],
  scope: CheckScope,
  site: ReferenceSite,
): DataSchema | undefined {
  const id = segments[1];
  const text = formatPath(segments);
  if (typeof id !== 'string' || id === '*') {
    site.reporter.error('REF_SYNTAX', site.pointer, `"${text}" must name a step: steps.<id>.output.`);
    return undefined;
  }
  const visible = scope.steps.get(id);
  if (visible === undefined) {
    const placement = scope.allSteps?.get(id);
    if (placement === undefined) {
      const candidates = [...scope.steps.keys(), ...(scope.allSteps?.keys() ?? [])];
      site.reporter.error(
        'REF_UNKNOWN_STEP',
        site.pointer,
        `"${text}" names the step "${id}", which does not exist.`,
        didYouMean(id, candidates),
      );
    } else if (startsWith(scope.containers ?? [], placement.containers)) {
      site.reporter.error(
        'REF_STEP_NOT_YET_RUN',
        site.pointer,
        `"${text}" names the step "${id}", which has not completed at this point.`,
        'A step sees only the outputs of the steps before it.',
      );
    } else {
      const container = placement.containers[placement.containers.length - 1]?.split('/')[0] ?? '';
      site.reporter.error(
        'REF_STEP_NOT_VISIBLE',
        site.pointer,
        `"${text}" names the step "${id}", which is inside the container step "${container}".`,
        `Use the container output: steps.${container}.output.`,
      );
    }
    return undefined;
  }
  if (segments.length === 2) return { type: 'object', properties: { output: visible }, required: ['output'] };
  if (segments[2] !== 'output') {
    site.reporter.error(
      'REF_UNKNOWN_FIELD',
      site.pointer,
      `"${text}": a step has only "output".`,
      `Write steps.${id}.output`,
    );
    return undefined;
  }
  return walk(visible, segments, 3, site);
}

/**
 * Walks a schema along `segments` from `start`; reports the first segment that does not exist
 * (`REF_UNKNOWN_FIELD` with did-you-mean) or indexes a scalar (`REF_NOT_INDEXABLE`).
 *
 * @example
 * walk(outputSchema, ['steps', 'a', 'output', 'total'], 3, site); // the schema of total
 */
export function walk(
  schema: DataSchema,
  segments: readonly PathSegment[],
  start: number,
  site: ReferenceSite,
): DataSchema | undefined {
  let current = schema;
  for (let position = start; position < segments.length; position++) {
    const segment = segments[position] ?? '';
    const lookup = memberOf(current, segment);
    const upTo = formatPath(segments.slice(0, position + 1));
    if (lookup.kind === 'missing') {
      site.reporter.error(
        'REF_UNKNOWN_FIELD',
        site.pointer,
        `"${upTo}" does not exist: ${formatPath(segments.slice(0, position))} has no field "${String(segment)}".`,
        didYouMean(String(segment), lookup.known) ??
          (lookup.known.length > 0 ? `Its fields are ${lookup.known.join(', ')}.` : undefined),
      );
      return undefined;
    }
    if (lookup.kind === 'not-indexable') {
      site.reporter.error(
        'REF_NOT_INDEXABLE',
        site.pointer,
        `"${upTo}" indexes ${formatPath(segments.slice(0, position))}, which is ${lookup.type}.`,
      );
      return undefined;
    }
    current = lookup.schema;
  }
  return current;
}

/**
 * Resolves a reference path against the scope and returns the schema of what it points at, or
 * undefined after reporting why it cannot be resolved.
 *
 * @example
 * resolveReference(['steps', 'lookup', 'output', 'total'], scope, site); // { type: 'number' }
 */
export function resolveReference(
  segments: readonly PathSegment[],
  scope: CheckScope,
  site: ReferenceSite,
): DataSchema | undefined {
  const root = String(segments[0] ?? '');
  const text = formatPath(segments);
  if (root === 'steps') return resolveStep(segments, scope, site);
  if (root === 'env') {
    site.reporter.error(
      'SECRET_OUTSIDE_SECRET_FIELD',
      site.pointer,
      `"${text}": environment variables may only be read in secret fields.`,
      'Declare the secret on a tool (`secrets:`) or an integration `auth`.',
    );
    return undefined;
  }
  if (!isScopeRoot(root)) {
    site.reporter.error(
      'REF_UNKNOWN_ROOT',
      site.pointer,
      `"${text}" starts with "${root}", which is not a reference root.`,
      didYouMean(root, allRootNames) ?? `The roots are ${allRootNames.join(', ')}.`,
    );
    return undefined;
  }
  const schema = scope.roots[root];
  if (schema === undefined) {
    site.reporter.error(
      'REF_ROOT_NOT_IN_SCOPE',
      site.pointer,
      `"${text}": "${root}" is not available here.`,
      scope.rootHints?.[root] ?? rootWhere[root],
    );
    return undefined;
  }
  return walk(root === 'index' || root === 'iteration' ? counterSchema : schema, segments, 1, site);
}

const rootWhere: Record<ScopeRoot, string> = {
  input: '`input` is the workflow or tool input.',
  item: '`item` exists inside a foreach body and its filter.',
  index: '`index` exists inside a foreach body and its filter.',
  iteration: '`iteration` exists inside a loop body and its until/while.',
  error: '`error` exists inside catch and onError steps.',
  resume: '`resume` exists in a suspend onTimeout.data.',
  response: '`response` exists in an http tool `response` mapping.',
};

function isRequired(schema: DataSchema, name: string): boolean {
  const required = schema.required;
  return Array.isArray(required) && required.includes(name);
}

/**
 * Whether a (valid) reference always finds a value: every member on its path is `required` and
 * no array is indexed. Used to decide whether an inferred object schema may require the member.
 *
 * @example
 * referenceIsCertain(['input', 'orderId'], scope); // true when input requires orderId
 */
export function referenceIsCertain(segments: readonly PathSegment[], scope: CheckScope): boolean {
  const root = String(segments[0] ?? '');
  let current: DataSchema | undefined;
  let start = 1;
  if (root === 'steps') {
    current = scope.steps.get(String(segments[1] ?? ''));
    if (segments[2] !== 'output') return false;
    start = 3;
  } else if (isScopeRoot(root)) current = scope.roots[root];
  for (let position = start; current !== undefined && position < segments.length; position++) {
    const segment = segments[position];
    if (typeof segment !== 'string' || !isRequired(current, segment)) return false;
    const lookup = memberOf(current, segment);
    current = lookup.kind === 'found' ? lookup.schema : undefined;
  }
  return current !== undefined;
}
