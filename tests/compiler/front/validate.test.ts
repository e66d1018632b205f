// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../compiler/diagnostic.js';
import { parseSource } from '../../../compiler/parse.js';
import { validateManifest } from '../../../compiler/validate.js';

function problems(
  text: string,
): Pick<Diagnostic, 'code' | 'line' | 'column' | 'pointer' | 'message' | 'hint'>[] {
  const { manifests, diagnostics } = parseSource('m.yaml', text);
  expect(diagnostics).toEqual([]);
  const manifest = manifests[0];
  if (manifest === undefined) throw new Error('no manifest parsed');
  return validateManifest(manifest).map(({ code, line, column, pointer, message, hint }) =>
    hint === undefined
      ? { code, line, column, pointer, message }
      : { code, line, column, pointer, message, hint },
  );
}

const workflow = (steps: string, extra = '') => `apiVersion: weft/v1
kind: Workflow
metadata:
  name: order-approval
spec:
  input: { type: object, properties: { orderId: { type: string } } }
  steps:
${steps}${extra}`;

const tool = (executor: string) => `apiVersion: weft/v1
kind: Tool
metadata: { name: lookup-order }
spec:
  input: { type: object }
  output: { type: object }
${executor}`;

type Want = { code: string; line: number; column: number; pointer?: string; message?: RegExp; hint?: RegExp };

const cases: [string, { text: string; want: Want[] }][] = [
  [
    'an unknown key, at the key, with a did-you-mean',
    {
      text: workflow('    - id: lookup\n      tool: lookup-order\n      retyr: { maxAttempts: 3 }\n'),
      want: [
        {
          code: 'SCHEMA_UNKNOWN_KEY',
          line: 10,
          column: 7,
          pointer: '/spec/steps/0/retyr',
          message: /"retyr"/,
          hint: /Did you mean "retry"\?/,
        },
      ],
    },
  ],
  [
    'an unknown key in the envelope',
    {
      text: 'apiVersion: weft/v1\nkind: Tool\nmetadata: { name: a }\nspce: {}\n',
      want: [
        { code: 'SCHEMA_MISSING_KEY', line: 1, column: 1, message: /"spec"/ },
        { code: 'SCHEMA_UNKNOWN_KEY', line: 4, column: 1, hint: /Did you mean "spec"\?/ },
      ],
    },
  ],
  [
    'a missing key, at its parent',
    {
      text: workflow('    - tool: lookup-order\n'),
      want: [{ code: 'SCHEMA_MISSING_KEY', line: 8, column: 7, pointer: '/spec/steps/0', message: /"id"/ }],
    },
  ],
  [
    'a wrong type',
    {
      text: workflow(
        '    - id: a\n      tool: lookup-order\n      with: { orderId: "x" }\n      description: 42\n',
      ),
      want: [{ code: 'SCHEMA_WRONG_TYPE', line: 11, column: 20, message: /Expected string, found a number/ }],
    },
  ],
  [
    'a bad duration',
    {
      text: workflow('    - id: a\n      sleep: 5 minutes\n'),
      want: [{ code: 'SCHEMA_INVALID_DURATION', line: 9, column: 14, message: /"5 minutes"/ }],
    },
  ],
  [
    'a name that is not kebab-case',
    {
      text: tool('  plugin: lookup').replace('lookup-order', 'Lookup_Order'),
      want: [{ code: 'SCHEMA_INVALID_NAME', line: 3, column: 19 }],
    },
  ],
  [
    'an enum value, with a did-you-mean',
    {
      text: tool('  http: { method: GTE, url: "https://example.com" }\n'),
      want: [{ code: 'SCHEMA_INVALID_VALUE', line: 7, column: 19, hint: /Did you mean "GET"\?.*"POST"/ }],
    },
  ],
  [
    'a step with two kind keys',
    {
      text: workflow('    - id: a\n      tool: x\n      agent: y\n'),
      want: [{ code: 'SCHEMA_ONE_KIND_KEY', line: 8, column: 7, message: /found tool, agent/ }],
    },
  ],
  [
    'a step with no kind key',
    {
      text: workflow('    - id: a\n'),
      want: [{ code: 'SCHEMA_ONE_KIND_KEY', line: 8, column: 7, message: /found none/ }],
    },
  ],
  [
    'a tool with no executor key',
    {
      text: tool(''),
      want: [
        { code: 'SCHEMA_ONE_KIND_KEY', line: 4, column: 1, message: /plugin, http, workflow, agent, mcp/ },
      ],
    },
  ],
  [
    'errors of a nested step, without the noise of the other step kinds',
    {
      text: workflow(
        '    - id: par\n      parallel:\n        branches:\n          - id: b\n            steps:\n              - id: inner\n                tool: x\n                timout: 5s\n',
      ),
      want: [
        {
          code: 'SCHEMA_UNKNOWN_KEY',
          line: 15,
          column: 17,
          pointer: '/spec/steps/0/parallel/branches/0/steps/0/timout',
          hint: /"timeout"/,
        },
      ],
    },
  ],
  [
    'an unknown auth type',
    {
      text: tool(
        '  http:\n    method: GET\n    url: https://example.com\n    auth: { type: baerer, token: "${{ env.TOKEN }}" }\n',
      ),
      want: [{ code: 'SCHEMA_INVALID_VALUE', line: 10, column: 19, hint: /Did you mean "bearer"\?/ }],
    },
  ],
  [
    'a literal secret',
    {
      text: tool(
        '  http:\n    method: GET\n    url: https://example.com\n    auth: { type: bearer, token: s3cr3t }\n',
      ),
      want: [{ code: 'SECRET_LITERAL', line: 10, column: 34, pointer: '/spec/http/auth/token' }],
    },
  ],
  [
    'an env reference outside a secret field',
    {
      text: workflow('    - id: a\n      set: { token: "${{ env.TOKEN }}" }\n'),
      want: [
        { code: 'SECRET_OUTSIDE_SECRET_FIELD', line: 9, column: 21, pointer: '/spec/steps/0/set/token' },
      ],
    },
  ],
];

describe('validateManifest', () => {
  it.each(cases)('reports %s', (_name, { text, want }) => {
    const got = problems(text);
    expect(got.map(({ code, line, column }) => ({ code, line, column }))).toEqual(
      want.map(({ code, line, column }) => ({ code, line, column })),
    );
    want.forEach((expected, index) => {
      const actual = got[index];
      if (expected.pointer !== undefined) expect(actual?.pointer).toBe(expected.pointer);
      if (expected.message !== undefined) expect(actual?.message).toMatch(expected.message);
      if (expected.hint !== undefined) expect(actual?.hint).toMatch(expected.hint);
    });
  });

  it.each([
    [
      'a tool step',
      workflow(
        '    - id: a\n      tool: lookup-order\n      with: { orderId: "${{ input.orderId }}" }\n      retry: { maxAttempts: 3, delay: 200ms }\n',
      ),
    ],
    [
      'an env secret',
      tool(
        '  http:\n    method: GET\n    url: https://example.com\n    auth: { type: bearer, token: "${{ env.TOKEN }}" }\n',
      ),
    ],
    [
      'a secretRef',
      tool(
        '  http:\n    method: GET\n    url: https://example.com\n    auth: { type: bearer, token: { secretRef: TOKEN } }\n',
      ),
    ],
  ])('accepts %s', (_name, text) => {
    expect(problems(text)).toEqual([]);
  });
});
