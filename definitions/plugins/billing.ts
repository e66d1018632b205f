/**
 * The billing plugin of the example project: the executors of the `plugin` tools in
 * `definitions/tools/`. Fake but deterministic, so workflows that use them can be tested.
 * Typed by the compiler: `weft compile` writes `.weft/types.ts`, whose `WeftTools` gives each
 * executor its YAML tool's input type and the output type it must return.
 *
 * @example
 * // weft.yaml
 * // spec: { plugins: [./plugins/billing.ts] }
 */
import { definePlugin, defineTools } from 'weft';
import type { WeftTools } from '../.weft/types.js';

/** The part of the tool context (`BillingContext`) these executors use. */
interface BillingContext {
  readonly signal: AbortSignal;
  readonly attempt?: number;
  readonly logger: { info(message: string, fields?: Record<string, unknown>): void };
}

/** How long `slow-step` waits. */
const slowStepMs = 200;

/** A small deterministic hash of a string, so an order id always gives the same fake order. */
function hashOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}

const orderStatuses = ['pending', 'paid', 'shipped', 'delivered'] as const;

function lookupOrder(input: { orderId: string }): {
  orderId: string;
  total: number;
  currency: string;
  status: string;
} {
  const hash = hashOf(input.orderId);
  return {
    orderId: input.orderId,
    total: ((hash % 50_000) + 100) / 100,
    currency: 'EUR',
    status: orderStatuses[hash % orderStatuses.length] ?? 'pending',
  };
}

function chargeCard(
  input: { orderId: string; amount: number },
  ctx: BillingContext,
): { status: 'charged'; chargeId: string } {
  ctx.logger.info('charging card', { orderId: input.orderId });
  return { status: 'charged', chargeId: `ch_${hashOf(`${input.orderId}:${input.amount}`).toString(16)}` };
}

function flaky(_input: unknown, ctx: BillingContext): { attempts: number } {
  const attempt = ctx.attempt ?? 1;
  if (attempt < 3) throw new Error(`flaky: attempt ${attempt}`);
  return { attempts: attempt };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function slowStep(input: { index: number }, ctx: BillingContext): Promise<{ index: number }> {
  await sleep(slowStepMs, ctx.signal);
  return { index: input.index };
}

const executors = defineTools<WeftTools>({
  'lookup-order': async (input) => lookupOrder(input),
  'charge-card': async (input, ctx) => chargeCard(input, ctx),
  refund: async (input) => ({ status: 'refunded', orderId: input.orderId }),
  square: async (input) => ({ value: input.n * input.n }),
  flaky: async (input, ctx) => flaky(input, ctx),
  'slow-step': slowStep,
});

export default definePlugin({
  name: 'billing',
  apiVersion: 'v1',
  description: 'Fake billing tools of the example project.',
  setup(registry) {
    registry.tools(executors);
  },
});
