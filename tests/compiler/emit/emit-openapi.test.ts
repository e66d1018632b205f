import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { emitOpenApi } from '../../../compiler/emit/emit-openapi.js';
import { graphWith, orderDeskGraph } from './fixture-graph.js';

type Json = Record<string, unknown>;
const document = JSON.parse(emitOpenApi(orderDeskGraph)) as Json & {
  paths: Record<string, Record<string, Json>>;
  components: Json;
};
const methods = ['get', 'post', 'put', 'patch', 'delete'];

/** Ajv with the whole document registered, so `#/components/...` references resolve. */
function validatorOf(schema: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'https://weft.local/openapi.json', components: document.components }, 'openapi');
  const rebased = JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/', '"https://weft.local/openapi.json#/components/'),
  );
  return ajv.compile(rebased);
}

interface Operation {
  operationId: string;
  requestBody?: { content: Json };
  responses: Record<string, { content?: Json }>;
}

/** The operation at `method path`; fails the test when the document lacks it. */
function operationAt(path: string, method: string): Operation {
  const operation = document.paths[path]?.[method];
  if (operation === undefined) throw new Error(`no ${method} ${path}`);
  return operation as unknown as Operation;
}

/** The JSON schema of a request or response content; fails the test when there is none. */
function jsonSchemaOf(content: Json | undefined): unknown {
  const schema = (content?.['application/json'] as { schema?: unknown } | undefined)?.schema;
  if (schema === undefined) throw new Error('no application/json schema');
  return schema;
}

/** Every request and response body schema of the document, by `<method> <path> <where>`. */
function bodySchemas(): [string, unknown][] {
  const found: [string, unknown][] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      if (item[method] === undefined) continue;
      const operation = operationAt(path, method);
      const contents: [string, Json | undefined][] = [
        ['request', operation.requestBody?.content],
        ...Object.entries(operation.responses).map(([status, response]): [string, Json | undefined] => [
          status,
          response.content,
        ]),
      ];
      for (const [where, content] of contents) {
        const schema = (content?.['application/json'] as { schema?: unknown } | undefined)?.schema;
        if (schema !== undefined) found.push([`${method} ${path} ${where}`, schema]);
      }
    }
  }
  return found;
}

describe('emitOpenApi', () => {
  it('is an OpenAPI 3.1 document named after the project, with bearer auth when keys are configured', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'order-desk API' });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    const open = JSON.parse(
      emitOpenApi({
        ...orderDeskGraph,
        project: {
          ...orderDeskGraph.project,
          server: { ...orderDeskGraph.project.server, auth: undefined },
        } as never,
      }),
    );
    expect(open.security).toBeUndefined();
  });

  it('has one path per manifest route and the generic routes', () => {
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/workflows/order-approval/runs',
        '/api/workflows/order-approval/runs/{runId}',
        '/api/workflows/order-approval/runs/{runId}/resume',
        '/api/workflows/order-approval/runs/{runId}/cancel',
        '/api/workflows/order-approval/runs/{runId}/events',
        '/api/tools/lookup-order/execute',
        '/api/agents/support/generate',
        '/api/agents/support/stream',
        '/api/agents/triage/generate-object',
        '/api/threads',
        '/api/threads/{id}/messages',
        '/api/knowledge/{name}/query',
      ]),
    );
  });

  it('gives every operation a unique operationId', () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      methods.flatMap((m) => (item[m] === undefined ? [] : [item[m]?.operationId])),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(bodySchemas())('%s compiles under Ajv 2020', (_where, schema) => {
    expect(() => validatorOf(schema)).not.toThrow();
  });

  it.each([
    [
      'start accepts a valid input',
      '/api/workflows/order-approval/runs',
      { input: { orderId: 'o1', amount: 3 }, wait: true },
      true,
    ],
    [
      'start refuses an input without amount',
      '/api/workflows/order-approval/runs',
      { input: { orderId: 'o1' } },
      false,
    ],
    [
      'start refuses unknown body keys',
      '/api/workflows/order-approval/runs',
      { input: { orderId: 'o1', amount: 1 }, extra: 1 },
      false,
    ],
    [
      'resume accepts the resume schema',
      '/api/workflows/order-approval/runs/{runId}/resume',
      { step: 'approve', data: { approved: false } },
      true,
    ],
    [
      'resume refuses a wrong data type',
      '/api/workflows/order-approval/runs/{runId}/resume',
      { data: { approved: 'no' } },
      false,
    ],
    [
      'tool execute validates the tool input',
      '/api/tools/lookup-order/execute',
      { input: { orderId: 7 } },
      false,
    ],
  ])('the request body schema: %s', (_name, path, body, valid) => {
    const schema = jsonSchemaOf(operationAt(path, 'post').requestBody?.content);
    expect(validatorOf(schema)(body)).toBe(valid);
  });

  it('types generate-object with the agent output schema', () => {
    const schema = jsonSchemaOf(
      operationAt('/api/agents/triage/generate-object', 'post').responses['200']?.content,
    );
    const validate = validatorOf(schema);
    const usage = { promptTokens: 1, completionTokens: 1, totalTokens: 2 };
    expect(validate({ object: { category: 'refund' }, usage })).toBe(true);
    expect(validate({ object: { category: 'unknown' }, usage })).toBe(false);
  });

  it('is byte-identical across runs and for an empty project', () => {
    expect(emitOpenApi(orderDeskGraph)).toBe(emitOpenApi(orderDeskGraph));
    const empty = JSON.parse(emitOpenApi(graphWith({})));
    expect(Object.keys(empty.paths).some((path: string) => path.startsWith('/api/workflows/order'))).toBe(
      false,
    );
    expect(empty.paths['/api/health']).toBeDefined();
  });
});
