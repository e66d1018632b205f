// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../compiler/parse.js';

const tool = (body = '') => `apiVersion: weft/v1
kind: Tool
metadata:
  name: lookup-order
spec:
  input: { type: object }
${body}`;

const aliasBomb = (() => {
  let text =
    'apiVersion: weft/v1\nkind: Tool\nmetadata: { name: bomb }\nspec:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let level = 1; level < 12; level++) {
    const previous = `*a${level - 1}`;
    text += `  a${level}: &a${level} [${Array(10).fill(previous).join(', ')}]\n`;
  }
  return text;
})();

const cases: [
  string,
  {
    text: string;
    want: {
      code: string;
      line: number;
      column: number;
      severity?: string;
      message?: RegExp;
      hint?: RegExp;
    }[];
  },
][] = [
  [
    'a malformed flow sequence',
    {
      text: 'apiVersion: weft/v1\nkind: Tool\nspec: [1, 2\nmetadata: {}\n',
      want: [{ code: 'YAML_SYNTAX', line: 4, column: 1 }],
    },
  ],
  [
    'an unclosed quote',
    { text: 'apiVersion: weft/v1\nkind: "Tool\n', want: [{ code: 'YAML_SYNTAX', line: 2, column: 7 }] },
  ],
  [
    'a tab used for indentation',
    {
      text: 'apiVersion: weft/v1\nkind: Tool\nspec:\n\tinput: 1\n',
      want: [{ code: 'YAML_SYNTAX', line: 4, column: 1 }],
    },
  ],
  [
    'a duplicate key, at the second occurrence',
    {
      text: tool('  input: { type: string }\n'),
      want: [{ code: 'YAML_DUPLICATE_KEY', line: 7, column: 3, message: /"input"/ }],
    },
  ],
  [
    'an unquoted ${{ }} in a flow map',
    {
      text: tool('  steps:\n    - id: a\n      with: { orderId: ${{ input.orderId }} }\n'),
      want: [
        {
          code: 'YAML_UNQUOTED_EXPRESSION',
          line: 9,
          column: 24,
          hint: /Quote it: "\$\{\{ input\.orderId \}\}"/,
        },
      ],
    },
  ],
  [
    'an unquoted ${{ }} in a flow sequence',
    {
      text: tool('  items: [ ${{ input.a }} ]\n'),
      want: [{ code: 'YAML_UNQUOTED_EXPRESSION', line: 7, column: 12 }],
    },
  ],
  ['an alias bomb', { text: aliasBomb, want: [{ code: 'YAML_ALIAS_LIMIT', line: 1, column: 1 }] }],
  ['an empty file', { text: '', want: [{ code: 'FILE_EMPTY', line: 1, column: 1, severity: 'warning' }] }],
  [
    'a file of comments only',
    { text: '# nothing yet\n---\n', want: [{ code: 'FILE_EMPTY', line: 1, column: 1, severity: 'warning' }] },
  ],
  [
    'a NUL byte',
    { text: 'apiVersion: weft/v1\u0000\n', want: [{ code: 'FILE_NOT_YAML', line: 1, column: 1 }] },
  ],
  [
    'a list instead of a mapping',
    { text: '- a\n- b\n', want: [{ code: 'MANIFEST_NOT_OBJECT', line: 1, column: 1 }] },
  ],
  ['a scalar document', { text: 'just text\n', want: [{ code: 'MANIFEST_NOT_OBJECT', line: 1, column: 1 }] }],
  [
    'an unknown apiVersion',
    {
      text: 'apiVersion: weft/v2\nkind: Tool\n',
      want: [{ code: 'MANIFEST_UNKNOWN_API_VERSION', line: 1, column: 13, hint: /weft\/v1/ }],
    },
  ],
  [
    'a missing apiVersion',
    { text: 'kind: Tool\n', want: [{ code: 'MANIFEST_UNKNOWN_API_VERSION', line: 1, column: 1 }] },
  ],
  [
    'a misspelt kind, with a did-you-mean',
    {
      text: 'apiVersion: weft/v1\nkind: Workflo\n',
      want: [{ code: 'MANIFEST_UNKNOWN_KIND', line: 2, column: 7, hint: /Did you mean "Workflow"\?/ }],
    },
  ],
  [
    'a missing kind',
    {
      text: 'apiVersion: weft/v1\nmetadata: {}\n',
      want: [{ code: 'MANIFEST_UNKNOWN_KIND', line: 1, column: 1 }],
    },
  ],
];

describe('parseSource reports bad input as diagnostics', () => {
  it.each(cases)('%s', (_name, { text, want }) => {
    const { manifests, diagnostics } = parseSource('bad.yaml', text);
    expect(manifests).toEqual([]);
    expect(diagnostics).toHaveLength(want.length);
    want.forEach((expected, index) => {
      const actual = diagnostics[index];
      expect(actual).toMatchObject({
        code: expected.code,
        line: expected.line,
        column: expected.column,
        file: 'bad.yaml',
      });
      expect(actual?.severity).toBe(expected.severity ?? 'error');
      if (expected.message !== undefined) expect(actual?.message).toMatch(expected.message);
      if (expected.hint !== undefined) expect(actual?.hint).toMatch(expected.hint);
    });
  });
});

describe('parseSource with several documents', () => {
  const text = `${tool()}---\nkind: Nope\napiVersion: weft/v1\n---\n${tool().replace('lookup-order', 'second')}`;

  it('keeps the good documents when one is bad', () => {
    const { manifests, diagnostics } = parseSource('multi.yaml', text);
    expect(manifests.map((manifest) => [manifest.name, manifest.documentIndex])).toEqual([
      ['lookup-order', 0],
      ['second', 2],
    ]);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line])).toEqual([
      ['MANIFEST_UNKNOWN_KIND', 8],
    ]);
  });

  it('locates pointers in later documents by their own lines', () => {
    const second = parseSource('multi.yaml', text).manifests[1];
    expect(second?.locate('/metadata/name')).toEqual({ line: 14, column: 9 });
  });

  it('skips OpenAPI documents silently', () => {
    const { manifests, diagnostics } = parseSource(
      'openapi/crm.yaml',
      'openapi: 3.0.0\ninfo: { title: crm }\npaths: {}\n',
    );
    expect([manifests, diagnostics]).toEqual([[], []]);
  });
});

describe('locate', () => {
  const text = `apiVersion: weft/v1
kind: Workflow
metadata:
  name: order
spec:
  steps:
    - id: lookup
      tool: lookup-order
      with: { orderId: "\${{ input.orderId }}" }
      retyr: 3
`;
  const manifest = parseSource('wf.yaml', text).manifests[0];

  it.each([
    ['/spec/steps/0/retyr', true, { line: 10, column: 7 }],
    ['/spec/steps/0/retyr', false, { line: 10, column: 14 }],
    ['/spec/steps/0/with/orderId', false, { line: 9, column: 24 }],
    ['/spec/steps/0', false, { line: 7, column: 7 }],
    ['/spec', true, { line: 5, column: 1 }],
    ['', false, { line: 1, column: 1 }],
    ['/spec/steps/0/missing/deeper', false, { line: 7, column: 7 }],
    ['/spec/steps/9', false, { line: 7, column: 5 }],
  ] as const)('%s (key: %s) is at %o', (pointer, key, position) => {
    expect(manifest?.locate(pointer, { key })).toEqual(position);
  });

  it('exposes the plain data', () => {
    expect(manifest?.value.spec).toEqual({
      steps: [{ id: 'lookup', tool: 'lookup-order', with: { orderId: '${{ input.orderId }}' }, retyr: 3 }],
    });
    expect([manifest?.kind, manifest?.name, manifest?.file]).toEqual(['Workflow', 'order', 'wf.yaml']);
  });
});
