import type { ToolExecutorV1 } from '../spec/v1/tool-executor.js';

/** The shape of a generated tool map (`WeftTools` of `.weft/types.ts`): each tool's input and output. */
export type ToolTypesV1<Tools> = {
  readonly [Name in keyof Tools]: { readonly input: unknown; readonly output: unknown };
};

/**
 * Typed executors for the YAML tools of `Tools`: each takes its tool's input and must return its
 * tool's output (or a promise of it). Every tool is optional: a plugin implements some of them.
 */
export type TypedToolExecutors<Tools extends ToolTypesV1<Tools>> = {
  readonly [Name in keyof Tools]?: ToolExecutorV1<Tools[Name]['input'], Tools[Name]['output']>;
};

/**
 * Declares tool executors typed by the compiler's generated `WeftTools`: the input of each
 * executor is its YAML tool's input type, and it must return the tool's output type; `ctx` is a
 * `ToolContextV1`. Returns the map unchanged, ready for `registry.tools(...)`.
 *
 * @example
 * import type { WeftTools } from '../.weft/types.js';
 * const billing = defineTools<WeftTools>({
 *   'lookup-order': async (input, ctx) => {
 *     ctx.signal.throwIfAborted();
 *     return { orderId: input.orderId, total: 120, currency: 'EUR', status: 'paid' };
 *   },
 * });
 * export default definePlugin({ name: 'billing', apiVersion: 'v1', setup: (registry) => registry.tools(billing) });
 */
export function defineTools<Tools extends ToolTypesV1<Tools>>(
  executors: TypedToolExecutors<Tools>,
): TypedToolExecutors<Tools> {
  return executors;
}
