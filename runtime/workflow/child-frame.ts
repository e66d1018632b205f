import { setMaxListeners } from 'node:events';
import type { ExpressionScope } from '../expressions/index.js';
import type { Frame } from './run-execution.js';

/**
 * The frame of a nested sequence (a branch, an iteration, a catch block): the outer steps stay
 * visible, the inner ones do not leak out.
 *
 * @example
 * const iteration = childFrame(run.frame, `${run.path}[${i}]/`, { item, index: i }, run.signal);
 */
export function childFrame(
  frame: Frame,
  prefix: string,
  extra: Pick<ExpressionScope, 'item' | 'index' | 'iteration'> | undefined,
  signal: AbortSignal,
): Frame {
  const steps = { ...frame.steps };
  const scope: ExpressionScope =
    extra === undefined ? { ...frame.scope, steps } : { ...frame.scope, ...extra, steps };
  return { exec: frame.exec, scope, steps, prefix, signal };
}

/**
 * An AbortController that aborts when `parent` does; `dispose()` detaches it.
 *
 * @example
 * const branch = followSignal(run.signal); ...; branch.dispose();
 */
export function followSignal(parent: AbortSignal): { controller: AbortController; dispose: () => void } {
  const controller = new AbortController();
  // Every step of every branch listens to its branch's signal: a wide fan-out is not a leak.
  setMaxListeners(0, controller.signal);
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, dispose: () => {} };
  }
  const follow = (): void => controller.abort(parent.reason);
  parent.addEventListener('abort', follow, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', follow) };
}
