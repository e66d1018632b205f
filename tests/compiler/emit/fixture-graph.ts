import type { CompiledGraphV1, JsonSchemaV1, RetryPolicyV1 } from '../../../runtime/spec/v1/graph.js';

const retry: RetryPolicyV1 = { maxAttempts: 1, backoff: 'constant', delayMs: 0, jitter: 0 };
const closed = (properties: Record<string, JsonSchemaV1>, required: string[] = []): JsonSchemaV1 => ({
  type: 'object',
  required,
  properties,
  additionalProperties: false,
});
const orderInput = closed(
  {
    orderId: { type: 'string', description: 'The order id.' },
    amount: { type: 'number', minimum: 0 },
    note: { type: 'string' },
  },
  ['orderId', 'amount'],
);
const lookupOutput = closed(
  {
    orderId: { type: 'string' },
    total: { type: 'number' },
    items: { type: 'array', items: closed({ sku: { type: 'string' } }, ['sku']) },
  },
  ['orderId', 'total'],
);

/**
 * A hand-built compiled graph exercising every emitted shape: two workflows (one with a nested
 * suspend step inside a foreach), tools, agents with and without structured output, a knowledge base
 * and API auth. Used by the emit unit tests and the fixture golden files.
 */
export const orderDeskGraph: CompiledGraphV1 = {
  specificationVersion: 'v1',
  project: {
    name: 'order-desk',
    storage: { adapter: 'memory' },
    providers: [],
    models: { default: 'openai:gpt-4o-mini' },
    plugins: ['./plugins/billing.ts'],
    http: { allowHosts: [], allowPrivate: false },
    server: {
      host: '127.0.0.1',
      port: 3000,
      auth: { keys: [{ name: 'ci', key: { $secret: 'WEFT_CI_KEY' }, scopes: ['workflows:run'] }] },
      bodyLimitBytes: 1048576,
    },
    defaults: { retry, stepOutputLimitBytes: 1048576 },
  },
  workflows: {
    'order-approval': {
      name: 'order-approval',
      description: 'Look an order up, ask a human, then charge or reject it.',
      hash: 'a'.repeat(64),
      input: orderInput,
      output: {
        orderId: { $ref: ['input', 'orderId'] },
        status: { $ref: ['steps', 'decide', 'output', 'status'] },
      },
      outputSchema: closed(
        { orderId: { type: 'string' }, status: { type: 'string', enum: ['charged', 'rejected'] } },
        ['orderId', 'status'],
      ),
      steps: [
        {
          kind: 'tool',
          id: 'lookup',
          tool: 'lookup-order',
          with: { orderId: { $ref: ['input', 'orderId'] } },
          outputSchema: lookupOutput,
        },
        {
          kind: 'suspend',
          id: 'approve',
          payload: {
            orderId: { $ref: ['input', 'orderId'] },
            total: { $ref: ['steps', 'lookup', 'output', 'total'] },
            note: { $ref: ['input', 'note'] },
            label: { $concat: ['order ', { $ref: ['input', 'orderId'] }] },
            doubled: { $cel: 'input.amount * 2' },
          },
          resume: closed({ approved: { type: 'boolean' }, comment: { type: 'string' } }, ['approved']),
          suspendTimeoutMs: 604800000,
          outputSchema: closed({ approved: { type: 'boolean' }, comment: { type: 'string' } }, ['approved']),
        },
        {
          kind: 'switch',
          id: 'decide',
          cases: [
            {
              when: 'steps.approve.output.approved',
              steps: [
                {
                  kind: 'tool',
                  id: 'charge',
                  tool: 'charge-card',
                  with: { orderId: { $ref: ['input', 'orderId'] }, amount: { $ref: ['input', 'amount'] } },
                  compensate: { tool: 'refund', with: { orderId: { $ref: ['input', 'orderId'] } } },
                  outputSchema: closed({ status: { type: 'string', const: 'charged' } }, ['status']),
                },
              ],
            },
          ],
          default: [
            {
              kind: 'set',
              id: 'reject',
              value: { status: 'rejected' },
              outputSchema: closed({ status: { type: 'string' } }, ['status']),
            },
          ],
          outputSchema: closed({ status: { type: 'string' } }, ['status']),
        },
      ],
      uses: { workflows: [], tools: ['charge-card', 'lookup-order', 'refund'], agents: [] },
    },
    'review-batch': {
      name: 'review-batch',
      hash: 'b'.repeat(64),
      input: closed({ orderIds: { type: 'array', items: { type: 'string' } } }, ['orderIds']),
      outputSchema: { type: 'array', items: {} },
      steps: [
        {
          kind: 'foreach',
          id: 'each',
          items: 'input.orderIds',
          concurrency: 2,
          steps: [
            {
              kind: 'suspend',
              id: 'review',
              payload: { index: { $ref: ['index'] }, orderId: { $ref: ['item'] } },
              resume: { type: 'string', enum: ['ok', 'flag'] },
              outputSchema: { type: 'string', enum: ['ok', 'flag'] },
            },
          ],
          outputSchema: { type: 'array', items: { type: 'string', enum: ['ok', 'flag'] } },
        },
      ],
      uses: { workflows: [], tools: [], agents: [] },
    },
  },
  tools: {
    'lookup-order': {
      name: 'lookup-order',
      description: 'Look an order up by id.',
      input: closed({ orderId: { type: 'string' } }, ['orderId']),
      output: lookupOutput,
      secrets: [],
      executor: { type: 'plugin', name: 'lookup-order' },
    },
    'charge-card': {
      name: 'charge-card',
      input: closed({ orderId: { type: 'string' }, amount: { type: 'number' } }, ['orderId', 'amount']),
      output: closed({ status: { type: 'string', const: 'charged' } }, ['status']),
      secrets: ['BILLING_TOKEN'],
      executor: { type: 'plugin', name: 'charge-card' },
    },
    refund: {
      name: 'refund',
      input: closed({ orderId: { type: 'string' } }, ['orderId']),
      output: { type: 'object' },
      secrets: [],
      executor: { type: 'plugin', name: 'refund' },
    },
  },
  agents: {
    support: {
      name: 'support',
      model: 'openai:gpt-4o-mini',
      instructions: 'You help {{customerName}}.',
      context: closed({ customerName: { type: 'string' } }),
      tools: ['lookup-order'],
      agents: [],
      workflows: [],
      knowledge: ['help-center'],
      maxSteps: 5,
    },
    triage: {
      name: 'triage',
      model: 'openai:gpt-4o-mini',
      instructions: 'Classify the request.',
      context: {},
      tools: [],
      agents: [],
      workflows: [],
      knowledge: [],
      maxSteps: 1,
      output: closed(
        {
          category: { type: 'string', enum: ['refund', 'shipping', 'other'] },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
        },
        ['category'],
      ),
    },
  },
  integrations: {},
  knowledge: {
    'help-center': {
      name: 'help-center',
      sources: [{ type: 'text', id: 'greeting', text: 'Hello.' }],
      chunking: { strategy: 'markdown', size: 800, overlap: 100 },
      embedder: 'local:hash-384',
      index: 'help_center',
    },
  },
};

/** A graph with the fixture's project and the given manifests only. */
export function graphWith(
  parts: Partial<Pick<CompiledGraphV1, 'workflows' | 'tools' | 'agents' | 'knowledge'>>,
): CompiledGraphV1 {
  return { ...orderDeskGraph, workflows: {}, tools: {}, agents: {}, knowledge: {}, ...parts };
}

/** A minimal workflow graph around the given steps. */
export function workflowWith(
  name: string,
  input: JsonSchemaV1,
  steps: CompiledGraphV1['workflows'][string]['steps'] = [],
): CompiledGraphV1['workflows'][string] {
  return {
    name,
    hash: '0'.repeat(64),
    input,
    outputSchema: {},
    steps,
    uses: { workflows: [], tools: [], agents: [] },
  };
}
