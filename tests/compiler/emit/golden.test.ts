import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitArtefacts } from '../../../compiler/emit/index.js';
import { orderDeskGraph } from './fixture-graph.js';
import { artefactNames, goldenCases, repositoryRoot } from './golden-cases.js';
import { typecheckEmitted } from './typecheck-emitted.js';

const UPDATE_HINT = 'if the change is intended, run `npm run update:golden` and review the diff';

/** Uses the fixture's client and types the way a user would; `@ts-expect-error` lines must stay errors. */
const fixtureUsage = `import { createClient } from './client.js';
import type { OrderApprovalInput, WeftRegistry } from './types.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k' });
export const input: OrderApprovalInput = { orderId: 'o1', amount: 1 };
export type Tools = keyof WeftRegistry['tools'];

export async function usage(): Promise<number> {
  const run = await client.workflows['order-approval'].start(input, { wait: true });
  const status: 'charged' | 'rejected' | undefined = run.output?.status;
  const payloadTotal: number | undefined = run.suspended?.[0]?.payload.total;
  // @ts-expect-error amount is required
  await client.workflows['order-approval'].start({ orderId: 'o1' });
  await client.workflows['order-approval'].resume(run.runId, { step: 'approve', data: { approved: true } });
  // @ts-expect-error approved is a boolean
  await client.workflows['order-approval'].resume(run.runId, { data: { approved: 'yes' } });
  await client.workflows['review-batch'].resume(run.runId, { data: 'flag' });
  const output = await client.tools['lookup-order'].execute({ orderId: 'o1' });
  const { object } = await client.agents.triage.generateObject({ prompt: 'refund please' });
  const category: 'refund' | 'shipping' | 'other' = object.category;
  // @ts-expect-error not a workflow of the project
  client.workflows['no-such-workflow'];
  for await (const event of client.workflows['order-approval'].events(run.runId)) void event.type;
  return output.total + (payloadTotal ?? 0) + String(status).length + category.length;
}
`;

describe('golden artefacts', () => {
  describe.each(goldenCases)('$name', (goldenCase) => {
    it('emits the checked-in artefacts byte for byte', async () => {
      const built = await goldenCase.graph();
      if ('problem' in built) throw new Error(built.problem);
      const artefacts = await emitArtefacts(built.graph);
      expect(Object.keys(artefacts).sort()).toEqual([...artefactNames]);
      for (const name of artefactNames) {
        const expected = await readFile(
          join(repositoryRoot, 'tests', 'golden', goldenCase.name, name),
          'utf8',
        );
        expect(artefacts[name], `tests/golden/${goldenCase.name}/${name} differs: ${UPDATE_HINT}`).toBe(
          expected,
        );
      }
    });
  });
});

describe('emitted TypeScript', () => {
  it('type-checks the definitions/ artefacts under strict tsc', async () => {
    const definitions = goldenCases.find((goldenCase) => goldenCase.name === 'definitions');
    const built = await definitions?.graph();
    if (built === undefined || 'problem' in built) throw new Error(built?.problem ?? 'no definitions case');
    const artefacts = await emitArtefacts(built.graph);
    const result = await typecheckEmitted({
      'types.ts': artefacts['types.ts'] ?? '',
      'client.ts': artefacts['client.ts'] ?? '',
    });
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('type-checks under strict tsc, types.ts on its own and client.ts over weft/client', async () => {
    const artefacts = await emitArtefacts(orderDeskGraph);
    const types = artefacts['types.ts'] ?? '';
    expect(types).not.toMatch(/^import /m);
    const result = await typecheckEmitted({
      'types.ts': types,
      'client.ts': artefacts['client.ts'] ?? '',
      'usage.ts': fixtureUsage,
    });
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('reports a type error when a use of the client is wrong (the check is real)', async () => {
    const artefacts = await emitArtefacts(orderDeskGraph);
    const wrong =
      "import { createClient } from './client.js';\nexport const run = createClient({ baseUrl: 'x' }).workflows['order-approval'].start({ orderId: 1, amount: 1 });\n";
    const result = await typecheckEmitted({
      'types.ts': artefacts['types.ts'] ?? '',
      'client.ts': artefacts['client.ts'] ?? '',
      'wrong.ts': wrong,
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/wrong\.ts.*TS2322/);
  });
});

/** A deep copy with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reverseKeys(member)]),
  );
}

describe('determinism', () => {
  it('emits the same artefacts again from the emitted graph.json', async () => {
    const first = await emitArtefacts(orderDeskGraph);
    const again = await emitArtefacts(JSON.parse(first['graph.json'] ?? 'null'));
    expect(again).toEqual(first);
  });

  it('emits byte-identical artefacts twice for the same graph, whatever the key order of the input', async () => {
    const first = await emitArtefacts(orderDeskGraph);
    const second = await emitArtefacts(reverseKeys(orderDeskGraph) as typeof orderDeskGraph);
    expect(Object.keys(reverseKeys({ a: 1, b: { c: 1, d: 2 } }) as object)).toEqual(['b', 'a']);
    expect(second).toEqual(first);
  });
});
