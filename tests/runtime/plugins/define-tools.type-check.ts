/**
 * Type-level test of `defineTools` against the golden project's generated `WeftTools`. It is
 * checked by `tsc -p tsconfig.json` (every `@ts-expect-error` below must really be an error, or
 * tsc reports the unused directive) and by `define-tools.test.ts`, which compiles it without the
 * directives and expects errors on exactly those lines.
 */
import { defineTools } from '../../../runtime/plugins/define-tools.js';
import type { WeftTools } from '../../golden/definitions/types.js';

/** Right: the input is the tool's input type, the return value its output type, `ctx` a `ToolContextV1`. */
export const billing = defineTools<WeftTools>({
  'lookup-order': async (input, ctx) => {
    ctx.signal.throwIfAborted();
    ctx.logger.info('lookup', { attempt: ctx.attempt, key: ctx.idempotencyKey });
    const orderId: string = input.orderId;
    return { orderId, total: 120, currency: 'EUR', status: 'paid' };
  },
  square: (input) => ({ value: input.n * input.n }),
});

export const wrongReturn = defineTools<WeftTools>({
  // @ts-expect-error -- the output lacks `currency` and `status`.
  'lookup-order': async (input) => ({ orderId: input.orderId, total: 1 }),
});

export const wrongReturnType = defineTools<WeftTools>({
  // @ts-expect-error -- `value` must be a number.
  square: (input) => ({ value: String(input.n) }),
});

export const wrongInput = defineTools<WeftTools>({
  'lookup-order': async (input) => {
    // @ts-expect-error -- the input has no field `id`.
    const id: string = input.id;
    return { orderId: id, total: 1, currency: 'EUR', status: 'paid' };
  },
});

export const unknownTool = defineTools<WeftTools>({
  // @ts-expect-error -- no YAML tool is named `lookup-orders`.
  'lookup-orders': async () => ({}),
});
