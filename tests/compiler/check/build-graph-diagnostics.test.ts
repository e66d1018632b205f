// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../../compiler/diagnostic-codes.js';
import { baseFiles, buildFrom, positionOf, workflow } from './build-from.js';

interface Case {
  readonly code: DiagnosticCode;
  /** The steps (and output...) of a workflow `w`, or whole extra files. */
  readonly body?: string;
  readonly files?: Readonly<Record<string, string>>;
  /** The file the diagnostic is in, and where in it (the first occurrence of `at`). */
  readonly file?: string;
  readonly at: string;
  readonly hint?: string;
}

const tool = (id: string, withBlock: string, extra = '') =>
  `    - id: ${id}\n      tool: lookup-order\n      with: ${withBlock}\n${extra}`;

const cases: Record<string, Case> = {
  'a reference to a step that does not exist': {
    code: 'REF_UNKNOWN_STEP',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }')}    - id: copy\n      set: { total: "\${{ steps.lookp.output.total }}" }\n`,
    at: '"${{ steps.lookp',
    hint: 'Did you mean "lookup"?',
  },
  'a reference to a later step': {
    code: 'REF_STEP_NOT_YET_RUN',
    body: `  steps:\n    - id: copy\n      set: { total: "\${{ steps.lookup.output.total }}" }\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }')}`,
    at: '"${{ steps.lookup.output.total',
  },
  'a reference to a step inside a container': {
    code: 'REF_STEP_NOT_VISIBLE',
    body: `  steps:\n    - id: each\n      foreach:\n        items: "range(0, 2)"\n        steps:\n          - id: inner\n            set: { n: "\${{ item }}" }\n  output: { n: "\${{ steps.inner.output.n }}" }\n`,
    at: '"${{ steps.inner',
    hint: 'Use the container output: steps.each.output.',
  },
  'a field the step output does not have': {
    code: 'REF_UNKNOWN_FIELD',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }')}  output: { total: "\${{ steps.lookup.output.totl }}" }\n`,
    at: '"${{ steps.lookup.output.totl',
    hint: 'Did you mean "total"?',
  },
  'a field of an array element the schema does not have': {
    code: 'REF_UNKNOWN_FIELD',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }')}  output: { sku: "first: \${{ steps.lookup.output.lines[0].skus }}" }\n`,
    at: '"first:',
    hint: 'Did you mean "sku"?',
  },
  "a tool step that leaves out a field the tool's input requires": {
    code: 'LINK_INPUT_MISSING_FIELD',
    body: `  steps:\n${tool('lookup', '{}')}`,
    at: 'with:',
  },
  "a tool step that gives a field the tool's input does not have": {
    code: 'LINK_INPUT_UNKNOWN_FIELD',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}", ordrId: x }')}`,
    at: 'ordrId',
    hint: 'Did you mean "orderId"?',
  },
  'a tool step that gives a literal of the wrong type': {
    code: 'LINK_INPUT_WRONG_TYPE',
    body: `  steps:\n${tool('lookup', '{ orderId: 42 }')}`,
    at: '42',
  },
  'an unknown reference root': {
    code: 'REF_UNKNOWN_ROOT',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ inptu.orderId }}" }')}`,
    at: '"${{ inptu',
    hint: 'Did you mean "input"?',
  },
  'item outside a foreach': {
    code: 'REF_ROOT_NOT_IN_SCOPE',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ item }}" }')}`,
    at: '"${{ item',
  },
  'indexing into a string': {
    code: 'REF_NOT_INDEXABLE',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId.first }}" }')}`,
    at: '"${{ input.orderId.first',
  },
  'a condition that does not parse': {
    code: 'CEL_SYNTAX',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }', '      when: "input.amount >"\n')}`,
    at: '"input.amount >"',
  },
  'a condition that does not type-check': {
    code: 'CEL_TYPE',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }', '      when: \'1 + "x" == 2\'\n')}`,
    at: `'1 + "x"`,
  },
  'a condition that is a string': {
    code: 'CEL_NOT_BOOLEAN',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }', '      when: input.orderId\n')}`,
    at: 'input.orderId\n',
  },
  'a condition over a field that does not exist': {
    code: 'REF_UNKNOWN_FIELD',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }')}    - id: big\n      when: "steps.lookup.output.totl > 100.0"\n      set: { big: true }\n`,
    at: '"steps.lookup.output.totl',
    hint: 'Did you mean "total"?',
  },
  'foreach items that are not a list': {
    code: 'CEL_NOT_LIST',
    body: `  steps:\n    - id: each\n      foreach:\n        items: input.amount\n        steps:\n          - id: inner\n            set: { n: "\${{ item }}" }\n`,
    at: 'input.amount\n',
  },
  'a CEL value over an unknown step': {
    code: 'REF_UNKNOWN_STEP',
    body: `  steps:\n    - id: twice\n      set: { n: "\${{ steps.nope.output.total * 2 }}" }\n`,
    at: '"${{ steps.nope',
  },
  'a prompt variable the scope does not have': {
    code: 'TEMPLATE_UNKNOWN_VARIABLE',
    body: `  steps:\n    - id: ask\n      agent: support\n      prompt: "Order {{input.ordrId}}"\n`,
    at: 'input.ordrId',
    hint: 'Did you mean "orderId"?',
  },
  'a prompt helper that is not allowed': {
    code: 'TEMPLATE_UNKNOWN_HELPER',
    body: `  steps:\n    - id: ask\n      agent: support\n      prompt: "{{#repeat input.orderId}}x{{/repeat}}"\n`,
    at: '{{#repeat',
  },
  'a prompt that does not parse': {
    code: 'TEMPLATE_SYNTAX',
    body: `  steps:\n    - id: ask\n      agent: support\n      prompt: "{{#if input.orderId}}open"\n`,
    at: '{{#if input',
  },
  'agent instructions over a variable the context does not have': {
    code: 'TEMPLATE_UNKNOWN_VARIABLE',
    file: 'agents/helper.yaml',
    files: {
      'agents/helper.yaml':
        'apiVersion: weft/v1\nkind: Agent\nmetadata: { name: helper }\nspec:\n  instructions: "Hi {{custmerName}}"\n  context: { type: object, properties: { customerName: { type: string } } }\n',
    },
    at: 'custmerName',
    hint: 'Did you mean "customerName"?',
  },
  'a variable on the second line of a block-scalar template': {
    code: 'TEMPLATE_UNKNOWN_VARIABLE',
    file: 'agents/helper.yaml',
    files: {
      'agents/helper.yaml':
        'apiVersion: weft/v1\nkind: Agent\nmetadata: { name: helper }\nspec:\n  instructions: |\n    Be brief.\n    Hi {{custmerName}}\n  context: { type: object, properties: { customerName: { type: string } } }\n',
    },
    at: 'custmerName',
  },
  'a block that does not match, at the line that opens it': {
    code: 'TEMPLATE_SYNTAX',
    file: 'agents/helper.yaml',
    files: {
      'agents/helper.yaml':
        'apiVersion: weft/v1\nkind: Agent\nmetadata: { name: helper }\nspec:\n  instructions: |\n    Be brief.\n    {{#if ok}}\n    {{/each}}\n  context: { type: object, properties: { ok: { type: boolean } } }\n',
    },
    at: '{{#if ok}}',
  },
  'a workflow tool naming an unknown workflow': {
    code: 'LINK_UNKNOWN_WORKFLOW',
    file: 'tools/run.yaml',
    files: {
      'tools/run.yaml':
        'apiVersion: weft/v1\nkind: Tool\nmetadata: { name: run }\nspec:\n  input: { type: object }\n  output: { type: object }\n  workflow: order-flo\n',
    },
    at: 'order-flo',
  },
  'an agent tool prompt over a field the tool input does not have': {
    code: 'TEMPLATE_UNKNOWN_VARIABLE',
    file: 'tools/ask.yaml',
    files: {
      'tools/ask.yaml':
        'apiVersion: weft/v1\nkind: Tool\nmetadata: { name: ask }\nspec:\n  input: { type: object, properties: { question: { type: string } } }\n  output: { type: object }\n  agent: { name: support, prompt: "Answer: {{qestion}}" }\n',
    },
    at: 'qestion',
    hint: 'Did you mean "question"?',
  },
  'an http tool url over a field the input does not have': {
    code: 'REF_UNKNOWN_FIELD',
    file: 'tools/get.yaml',
    files: {
      'tools/get.yaml':
        'apiVersion: weft/v1\nkind: Tool\nmetadata: { name: get }\nspec:\n  input: { type: object, properties: { id: { type: string } } }\n  output: { type: object }\n  http: { method: GET, url: "https://x.example.com/${{ input.ids }}" }\n',
    },
    at: '"https://x',
    hint: 'Did you mean "id"?',
  },
  'an unknown tool': {
    code: 'LINK_UNKNOWN_TOOL',
    body: `  steps:\n    - id: look\n      tool: lookup-ordr\n`,
    at: 'lookup-ordr',
    hint: 'Did you mean "lookup-order"?',
  },
  'an unknown integration action': {
    code: 'LINK_UNKNOWN_ACTION',
    body: `  steps:\n    - id: look\n      tool: crm.get-custmer\n`,
    at: 'crm.get-custmer',
    hint: 'Did you mean "get-customer"?',
  },
  'an unknown integration': {
    code: 'LINK_UNKNOWN_INTEGRATION',
    body: `  steps:\n    - id: look\n      tool: crn.get-customer\n`,
    at: 'crn.get-customer',
    hint: 'Did you mean "crm"?',
  },
  'an unknown agent': {
    code: 'LINK_UNKNOWN_AGENT',
    body: `  steps:\n    - id: ask\n      agent: suport\n      prompt: hi\n`,
    at: 'suport',
    hint: 'Did you mean "support"?',
  },
  'an unknown sub-workflow': {
    code: 'LINK_UNKNOWN_WORKFLOW',
    body: `  steps:\n    - id: sub\n      workflow: chekout\n`,
    at: 'chekout',
  },
  'an unknown compensation tool': {
    code: 'LINK_UNKNOWN_TOOL',
    body: `  steps:\n${tool('lookup', '{ orderId: "${{ input.orderId }}" }', '      compensate: { tool: refnd }\n')}`,
    at: 'refnd',
  },
  'an unknown knowledge base': {
    code: 'LINK_UNKNOWN_KNOWLEDGE',
    file: 'agents/helper.yaml',
    files: {
      'agents/helper.yaml':
        'apiVersion: weft/v1\nkind: Agent\nmetadata: { name: helper }\nspec:\n  instructions: Hi\n  knowledge: [help-centre]\n',
    },
    at: 'help-centre',
    hint: 'Did you mean "help-center"?',
  },
  'an unknown model provider': {
    code: 'LINK_UNKNOWN_PROVIDER',
    file: 'agents/helper.yaml',
    files: {
      'agents/helper.yaml':
        'apiVersion: weft/v1\nkind: Agent\nmetadata: { name: helper }\nspec:\n  model: "opnai:gpt-4o"\n  instructions: Hi\n',
    },
    at: '"opnai',
    hint: 'Did you mean "openai"?',
  },
  'workflows that call each other': {
    code: 'LINK_WORKFLOW_CYCLE',
    body: `  steps:\n    - id: call\n      workflow: b\n`,
    files: { 'workflows/b.yaml': workflow('b', '  steps:\n    - id: back\n      workflow: w\n') },
    at: 'b\n',
  },
  'a step id used twice': {
    code: 'GRAPH_DUPLICATE_STEP_ID',
    body: `  steps:\n    - id: same\n      set: { a: 1 }\n    - id: each\n      foreach:\n        items: "range(0, 2)"\n        steps:\n          - id: same\n            set: { b: 2 }\n`,
    at: 'same\n            set',
  },
  'a loop without maxIterations': {
    code: 'GRAPH_LOOP_WITHOUT_MAX',
    body: `  steps:\n    - id: again\n      loop:\n        until: "iteration >= 2"\n        steps:\n          - id: body\n            set: { n: "\${{ iteration }}" }\n`,
    at: 'loop:',
  },
  'a loop without until or while': {
    code: 'GRAPH_LOOP_WITHOUT_CONDITION',
    body: `  steps:\n    - id: again\n      loop:\n        maxIterations: 3\n        steps:\n          - id: body\n            set: { n: 1 }\n`,
    at: 'loop:',
  },
  'an empty step list': {
    code: 'GRAPH_EMPTY_STEPS',
    body: `  steps:\n    - id: branchy\n      parallel:\n        branches:\n          - id: a\n            steps: []\n`,
    at: '[]',
  },
};

describe('buildGraph diagnostics', () => {
  it.each(Object.entries(cases))('reports %s', (_name, testCase) => {
    const mainFile = 'workflows/w.yaml';
    const files: Record<string, string> = {
      ...baseFiles,
      ...(testCase.body === undefined ? {} : { [mainFile]: workflow('w', testCase.body) }),
      ...testCase.files,
    };
    const { diagnostics } = buildFrom(files);
    const file = testCase.file ?? mainFile;
    const found = diagnostics.find((diagnostic) => diagnostic.code === testCase.code);
    expect(found, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(found).toMatchObject({ file, severity: 'error', ...positionOf(files[file] ?? '', testCase.at) });
    if (testCase.hint !== undefined) expect(found?.hint).toBe(testCase.hint);
  });

  it('reports every problem, not only the first', () => {
    const body = `  steps:\n    - id: a\n      tool: nope\n    - id: b\n      set: { x: "\${{ steps.zz.output }}" }\n      when: "1 +"\n`;
    const { diagnostics } = buildFrom({ ...baseFiles, 'workflows/w.yaml': workflow('w', body) });
    expect(diagnostics.map((d) => d.code).sort()).toEqual([
      'CEL_SYNTAX',
      'LINK_UNKNOWN_TOOL',
      'REF_UNKNOWN_STEP',
    ]);
  });
});

describe('OpenAPI imports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-openapi-'));
  writeFileSync(join(dir, 'broken.yaml'), 'openapi: [unclosed\n');
  writeFileSync(
    join(dir, 'api.json'),
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/tickets/{id}': {
          get: {
            operationId: 'getTicket',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          },
        },
      },
    }),
  );
  const integration = (file: string, operations: string) =>
    `apiVersion: weft/v1\nkind: Integration\nmetadata: { name: desk }\nspec:\n  baseUrl: https://desk.example.com\n  openapi:\n    file: ${file}\n    operations: ${operations}\n`;

  it.each([
    [
      'a document that is not YAML',
      'LINK_OPENAPI_INVALID',
      integration('./broken.yaml', '[getTicket]'),
      './broken.yaml',
      undefined,
    ],
    [
      'a document that does not exist',
      'LINK_OPENAPI_INVALID',
      integration('./missing.yaml', '[getTicket]'),
      './missing.yaml',
      undefined,
    ],
    [
      'an operation the document does not have',
      'LINK_OPENAPI_UNKNOWN_OPERATION',
      integration('./api.json', '[getTicket, getTickt]'),
      'getTickt',
      'Did you mean "getTicket"?',
    ],
  ] as const)('reports %s', (_name, code, text, at, hint) => {
    const { diagnostics } = buildFrom({ ...baseFiles, 'desk.yaml': text }, dir);
    const found = diagnostics.find((diagnostic) => diagnostic.code === code);
    expect(found, JSON.stringify(diagnostics)).toMatchObject({ file: 'desk.yaml', ...positionOf(text, at) });
    if (hint !== undefined) expect(found?.hint).toBe(hint);
  });
});
