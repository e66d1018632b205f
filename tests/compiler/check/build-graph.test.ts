// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepV1 } from '../../../runtime/spec/v1/graph.js';
import { baseFiles, buildFrom, workflow } from './build-from.js';

const orderFlow = workflow(
  'order-flow',
  `  retries: { maxAttempts: 3, backoff: exponential, delay: 200ms }
  timeout: 1h
  steps:
    - id: lookup
      tool: lookup-order
      with: { orderId: "\${{ input.orderId }}" }
      timeout: 5s
      retry: { maxAttempts: 2 }
    - id: summary
      set:
        label: "order \${{ input.orderId }} costs \${{ steps.lookup.output.total }}"
        double: "\${{ steps.lookup.output.total * 2.0 }}"
        count: "\${{ size(steps.lookup.output.lines) }}"
        first: "\${{ steps.lookup.output.lines[0].sku }}"
        fixed: 3
        escaped: { $ref: not-a-reference }
    - id: fan
      parallel:
        branches:
          - id: ask
            steps:
              - id: answer
                agent: support
                prompt: "Summarise order {{input.orderId}} ({{steps.summary.output.label}})"
          - id: charge
            steps:
              - id: pay
                tool: charge-card
                with: { orderId: "\${{ input.orderId }}", amount: "\${{ input.amount }}" }
    - id: each
      foreach:
        items: steps.lookup.output.lines
        filter: "item.qty > 0"
        steps:
          - id: line
            set: { sku: "\${{ item.sku }}", position: "\${{ index }}" }
    - id: approve
      suspend:
        payload: { total: "\${{ steps.lookup.output.total }}" }
        resume: { type: object, required: [approved], properties: { approved: { type: boolean } } }
        timeout: 7d
    - id: pause
      sleep: 1m30s
  output:
    status: "\${{ steps.fan.output.charge.status }}"
    approved: "\${{ steps.approve.output.approved }}"
    lines: "\${{ steps.each.output }}"
`,
);

function step(steps: readonly StepV1[], id: string): StepV1 {
  const found = steps.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
}

describe('buildGraph on a valid project', () => {
  const files = { ...baseFiles, 'workflows/order-flow.yaml': orderFlow };
  const { graph, diagnostics } = buildFrom(files);
  const flow = graph?.workflows['order-flow'];

  it('reports nothing and builds every kind', () => {
    expect(diagnostics).toEqual([]);
    expect(Object.keys(graph?.tools ?? {})).toEqual(['charge-card', 'crm.get-customer', 'lookup-order']);
    expect(Object.keys(graph?.agents ?? {})).toEqual(['support']);
    expect(flow?.uses).toEqual({
      agents: ['support'],
      tools: ['charge-card', 'lookup-order'],
      workflows: [],
    });
  });

  it('compiles references, interpolation, CEL and escaped $ keys', () => {
    const lookup = step(flow?.steps ?? [], 'lookup');
    expect(lookup).toMatchObject({
      kind: 'tool',
      with: { orderId: { $ref: ['input', 'orderId'] } },
      timeoutMs: 5000,
    });
    const summary = step(flow?.steps ?? [], 'summary');
    expect(summary.kind === 'set' && summary.value).toEqual({
      count: { $cel: 'size(steps.lookup.output.lines)' },
      double: { $cel: 'steps.lookup.output.total * 2.0' },
      escaped: { $literal: { $ref: 'not-a-reference' } },
      first: { $ref: ['steps', 'lookup', 'output', 'lines', 0, 'sku'] },
      fixed: 3,
      label: {
        $concat: [
          'order ',
          { $ref: ['input', 'orderId'] },
          ' costs ',
          { $ref: ['steps', 'lookup', 'output', 'total'] },
        ],
      },
    });
  });

  it('infers step output schemas', () => {
    const steps = flow?.steps ?? [];
    expect(step(steps, 'lookup').outputSchema).toMatchObject({
      properties: { total: { type: 'number' } },
      additionalProperties: false,
    });
    expect(step(steps, 'summary').outputSchema).toMatchObject({
      properties: {
        label: { type: 'string' },
        double: { type: 'number' },
        count: { type: 'integer' },
        first: { type: 'string' },
        fixed: { type: 'integer' },
      },
    });
    expect(step(steps, 'fan').outputSchema).toMatchObject({
      properties: {
        ask: { properties: { text: { type: 'string' } } },
        charge: { properties: { status: { type: 'string' } } },
      },
      required: ['ask', 'charge'],
    });
    expect(step(steps, 'each').outputSchema).toMatchObject({
      type: 'array',
      items: { properties: { sku: { type: 'string' }, position: { type: 'integer' } } },
    });
    expect(step(steps, 'approve').outputSchema).toEqual({
      additionalProperties: false,
      properties: { approved: { type: 'boolean' } },
      required: ['approved'],
      type: 'object',
    });
    expect(step(steps, 'pause')).toMatchObject({
      durationMs: 90_000,
      outputSchema: { properties: { sleptMs: { type: 'integer' } } },
    });
    expect(step(steps, 'summary').outputSchema.required).toEqual([
      'count',
      'double',
      'escaped',
      'fixed',
      'label',
    ]);
    expect(flow?.outputSchema.required).toEqual(['approved', 'lines', 'status']);
    expect(flow?.outputSchema).toMatchObject({
      properties: { status: { type: 'string' }, approved: { type: 'boolean' }, lines: { type: 'array' } },
    });
  });

  it('normalises durations, retries, secrets and project defaults', () => {
    expect(flow).toMatchObject({
      timeoutMs: 3_600_000,
      retries: { maxAttempts: 3, backoff: 'exponential', delayMs: 200, jitter: 0 },
    });
    expect(step(flow?.steps ?? [], 'lookup').retry).toEqual({
      maxAttempts: 2,
      backoff: 'exponential',
      delayMs: 200,
      jitter: 0,
    });
    expect(step(flow?.steps ?? [], 'approve')).toMatchObject({ suspendTimeoutMs: 7 * 86_400_000 });
    expect(graph?.tools['charge-card']?.executor).toMatchObject({
      type: 'http',
      auth: { type: 'bearer', token: { $secret: 'BILLING_TOKEN' } },
    });
    expect(graph?.project).toMatchObject({
      storage: { adapter: 'pglite', dataDir: '.weft/data' },
      server: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 1_048_576 },
      defaults: { stepOutputLimitBytes: 1_048_576, retry: { maxAttempts: 1 } },
    });
    expect(graph?.agents.support).toMatchObject({
      model: 'openai:gpt-4o-mini',
      tools: ['crm.get-customer', 'lookup-order'],
      maxSteps: 5,
    });
  });

  it('gives the same hash for the same workflow and another for a changed one', () => {
    const again = buildFrom(files).graph?.workflows['order-flow']?.hash;
    expect(flow?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again).toBe(flow?.hash);
    const changed = buildFrom({
      ...files,
      'workflows/order-flow.yaml': orderFlow.replace('timeout: 5s', 'timeout: 6s'),
    }).graph;
    expect(changed?.workflows['order-flow']?.hash).not.toBe(flow?.hash);
  });

  it('types a sub-workflow step with the callee output schema', () => {
    const parent = workflow(
      'parent',
      '  steps:\n    - id: child\n      workflow: order-flow\n      with: { orderId: "${{ input.orderId }}", amount: 1 }\n  output: { approved: "${{ steps.child.output.approved }}" }\n',
    );
    const built = buildFrom({ ...files, 'workflows/parent.yaml': parent });
    expect(built.diagnostics).toEqual([]);
    expect(built.graph?.workflows.parent?.outputSchema).toMatchObject({
      properties: { approved: { type: 'boolean' } },
    });
    expect(built.graph?.workflows.parent?.uses.workflows).toEqual(['order-flow']);
  });

  it('accepts dashed step ids in CEL and stores the index form', () => {
    const dashed = workflow(
      'dashed',
      '  steps:\n    - id: look-up\n      tool: lookup-order\n      with: { orderId: "${{ input.orderId }}" }\n    - id: big\n      when: "steps.look-up.output.total > 100.0"\n      set: { twice: "${{ steps.look-up.output.total * 2.0 }}" }\n',
    );
    const built = buildFrom({ ...baseFiles, 'workflows/dashed.yaml': dashed });
    expect(built.diagnostics).toEqual([]);
    const big = built.graph?.workflows.dashed?.steps[1];
    expect(big).toMatchObject({
      when: 'steps["look-up"].output.total > 100.0',
      value: { twice: { $cel: 'steps["look-up"].output.total * 2.0' } },
    });
  });

  it('imports OpenAPI operations as integration actions and tools', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-openapi-'));
    writeFileSync(
      join(dir, 'desk.yaml'),
      `openapi: 3.0.3
info: { title: desk, version: "1" }
paths:
  /tickets/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    get:
      operationId: getTicket
      parameters: [{ name: expand, in: query, schema: { type: boolean } }]
      responses:
        "200":
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Ticket" }
components:
  schemas:
    Ticket: { type: object, properties: { id: { type: string }, title: { type: string, nullable: true } } }
`,
    );
    const desk =
      'apiVersion: weft/v1\nkind: Integration\nmetadata: { name: desk }\nspec:\n  baseUrl: https://desk.example.com\n  openapi: { file: ./desk.yaml }\n';
    const built = buildFrom({ ...baseFiles, 'desk.yaml': desk }, dir);
    expect(built.diagnostics).toEqual([]);
    const action = built.graph?.integrations.desk?.actions['get-ticket'];
    expect(action).toMatchObject({
      request: {
        method: 'GET',
        url: { $concat: ['/tickets/', { $ref: ['input', 'id'] }] },
        query: { expand: { $ref: ['input', 'expand'] } },
      },
      input: {
        properties: { id: { type: 'string' }, expand: { type: 'boolean' } },
        required: ['id'],
        additionalProperties: false,
      },
      output: { properties: { title: { type: ['string', 'null'] } } },
      source: { type: 'openapi', operationId: 'getTicket' },
    });
    expect(built.graph?.tools['desk.get-ticket']?.executor).toEqual({
      type: 'integration',
      integration: 'desk',
      action: 'get-ticket',
    });
  });
});
