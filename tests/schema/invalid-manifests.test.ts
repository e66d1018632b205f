// biome-ignore-all lint/suspicious/noTemplateCurlyInString: manifests quote the `${{ }}` expression syntax.
import { describe, expect, it } from 'vitest';
import { type ManifestKindName, schemaId } from '../../schema/index.js';
import { strictAjv } from './ajv-for-schemas.js';

type Json = Record<string, unknown>;

const envelope = (kind: ManifestKindName, spec: Json, metadata: Json = { name: 'example' }): Json => ({
  apiVersion: 'weft/v1',
  kind,
  metadata,
  spec,
});

const objectSchema = { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] };
const workflow = (steps: unknown[], extra: Json = {}): Json =>
  envelope('Workflow', { input: objectSchema, steps, ...extra });
const toolStep = (extra: Json = {}): Json => ({ id: 'lookup', tool: 'lookup-order', with: {}, ...extra });
const pluginTool = (extra: Json = {}): Json =>
  envelope('Tool', { input: objectSchema, output: { type: 'object' }, plugin: 'lookup-order', ...extra });
const integration = (auth: Json): Json =>
  envelope('Integration', { baseUrl: 'https://api.example.com', auth, actions: {} });
const project = (spec: Json): Json => envelope('Project', spec);

/** Small manifests JSON Schema must reject: [case, { given, want: instance path of an error }]. */
const rejected: [string, { given: Json; want: string }][] = [
  ['an unknown key in a workflow spec', { given: workflow([toolStep()], { stepz: [] }), want: '/spec' }],
  ['an unknown key in the envelope', { given: { ...workflow([toolStep()]), status: {} }, want: '' }],
  ['a missing steps list', { given: envelope('Workflow', { input: objectSchema }), want: '/spec' }],
  ['a missing metadata name', { given: envelope('Workflow', { steps: [] }, {}), want: '/metadata' }],
  ['a step without an id', { given: workflow([{ tool: 'lookup-order' }]), want: '/spec/steps/0' }],
  ['a step with a misspelled kind key', { given: workflow([{ id: 'a', tol: 'x' }]), want: '/spec/steps/0' }],
  ['a step with two kind keys', { given: workflow([toolStep({ set: { a: 1 } })]), want: '/spec/steps/0' }],
  [
    'a bad duration',
    { given: workflow([toolStep({ timeout: '5 seconds' })]), want: '/spec/steps/0/timeout' },
  ],
  ['a bad workflow timeout', { given: workflow([toolStep()], { timeout: '1w' }), want: '/spec/timeout' }],
  [
    'an unknown backoff',
    {
      given: workflow([toolStep({ retry: { maxAttempts: 2, backoff: 'linear' } })]),
      want: '/spec/steps/0/retry/backoff',
    },
  ],
  [
    'a retry without maxAttempts',
    { given: workflow([toolStep({ retry: { delay: '1s' } })]), want: '/spec/steps/0/retry' },
  ],
  [
    'a foreach without items',
    { given: workflow([{ id: 'each', foreach: { steps: [] } }]), want: '/spec/steps/0/foreach' },
  ],
  [
    'a parallel mode other than all or race',
    {
      given: workflow([{ id: 'p', parallel: { mode: 'any', branches: [{ id: 'a', steps: [] }] } }]),
      want: '/spec/steps/0/parallel/mode',
    },
  ],
  [
    'a suspend without a resume schema',
    { given: workflow([{ id: 's', suspend: { payload: {} } }]), want: '/spec/steps/0/suspend' },
  ],
  [
    'a nested step with an unknown key',
    {
      given: workflow([
        { id: 'l', loop: { maxIterations: 2, until: 'true', steps: [toolStep({ retries: 2 })] } },
      ]),
      want: '/spec/steps/0/loop/steps/0',
    },
  ],
  [
    'a name that is not kebab-case',
    { given: envelope('Workflow', { steps: [] }, { name: 'Order_Approval' }), want: '/metadata/name' },
  ],
  [
    'a name longer than 63 characters',
    { given: envelope('Workflow', { steps: [] }, { name: `a${'-b'.repeat(32)}` }), want: '/metadata/name' },
  ],
  [
    'a version that is not semver',
    { given: envelope('Workflow', { steps: [] }, { name: 'a', version: 'v1' }), want: '/metadata/version' },
  ],
  [
    'another apiVersion',
    { given: { ...workflow([toolStep()]), apiVersion: 'weft/v2' }, want: '/apiVersion' },
  ],
  [
    'a typo inside a data schema',
    { given: workflow([toolStep()], { input: { type: 'object', requried: ['a'] } }), want: '/spec/input' },
  ],
  [
    'nullable in a data schema',
    { given: workflow([toolStep()], { input: { type: 'string', nullable: true } }), want: '/spec/input' },
  ],
  [
    'an unknown data type',
    { given: workflow([toolStep()], { input: { type: 'text' } }), want: '/spec/input/type' },
  ],
  [
    'a literal in a secret field',
    { given: integration({ type: 'bearer', token: 'abc123' }), want: '/spec/auth' },
  ],
  [
    'a literal database url',
    {
      given: project({ storage: { adapter: 'postgres', url: 'postgres://u:p@db/x' } }),
      want: '/spec/storage/url',
    },
  ],
  [
    'an env reference with text around it in a secret field',
    { given: integration({ type: 'bearer', token: 'Bearer ${{ env.T }}' }), want: '/spec/auth' },
  ],
  [
    'a port given as a literal string',
    { given: project({ server: { port: '3000' } }), want: '/spec/server/port' },
  ],
  ['a tool with two executors', { given: pluginTool({ workflow: 'order-approval' }), want: '/spec' }],
  [
    'a tool with no executor',
    { given: envelope('Tool', { input: objectSchema, output: objectSchema }), want: '/spec' },
  ],
  [
    'a tool without an output schema',
    { given: envelope('Tool', { input: objectSchema, plugin: 'x' }), want: '/spec' },
  ],
  [
    'an http tool with an unknown method',
    {
      given: envelope('Tool', {
        input: objectSchema,
        output: objectSchema,
        http: { method: 'FETCH', url: 'https://x' },
      }),
      want: '/spec/http/method',
    },
  ],
  [
    'agent memory set to true',
    { given: envelope('Agent', { instructions: 'Hi.', memory: true }), want: '/spec/memory' },
  ],
  [
    'a model without a provider',
    { given: envelope('Agent', { instructions: 'Hi.', model: 'gpt-4o' }), want: '/spec/model' },
  ],
  [
    'an unknown chunking strategy',
    {
      given: envelope('Knowledge', {
        sources: [{ id: 'a', text: 'b' }],
        chunking: { strategy: 'paragraph' },
      }),
      want: '/spec/chunking/strategy',
    },
  ],
  [
    'an action name that is not kebab-case',
    {
      given: envelope('Integration', {
        baseUrl: 'https://x',
        actions: { getCustomer: { method: 'GET', path: '/c' } },
      }),
      want: '/spec/actions',
    },
  ],
];

/** Manifests the schema accepts on purpose: the compiler reports these with better messages. */
const accepted: [string, Json][] = [
  [
    'a loop without maxIterations (GRAPH_LOOP_WITHOUT_MAX)',
    workflow([{ id: 'l', loop: { until: 'true', steps: [toolStep()] } }]),
  ],
  ['an empty step list (GRAPH_EMPTY_STEPS)', workflow([])],
  ['a combined duration (1h30m)', workflow([toolStep({ timeout: '1h30m' })])],
  ['a secret by reference', integration({ type: 'bearer', token: { secretRef: 'CRM_TOKEN' } })],
  ['a port from the environment', project({ server: { port: '${{ env.PORT }}' } })],
  ['a nullable string as a type list', workflow([toolStep()], { input: { type: ['string', 'null'] } })],
  [
    'an integration action used as a tool step',
    workflow([{ id: 'get', tool: 'crm.get-customer', with: {} }]),
  ],
];

describe('the schemas reject', () => {
  const ajv = strictAjv();
  it.each(rejected)('%s', (_name, { given, want }) => {
    const validate = ajv.getSchema(schemaId(given.kind as ManifestKindName));
    expect(validate?.(given)).toBe(false);
    const paths = (validate?.errors ?? []).map((error) => error.instancePath);
    expect(paths).toContain(want);
  });
});

describe('the schemas accept', () => {
  const ajv = strictAjv();
  it.each(accepted)('%s', (_name, given) => {
    const validate = ajv.getSchema(schemaId(given.kind as ManifestKindName));
    expect(validate?.(given), JSON.stringify(validate?.errors)).toBe(true);
  });
});
