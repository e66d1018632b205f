import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { defineTools } from '../../../runtime/plugins/define-tools.js';

const typeCheckFile = fileURLToPath(new URL('./define-tools.type-check.ts', import.meta.url));
const directive = /^\s*\/\/ @ts-expect-error\b.*$/;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmit: true,
  lib: ['lib.es2023.d.ts'],
  types: [],
};
/** The one global of Node the contracts use, declared here so the check does not load all of `@types/node`. */
const globalsFile = fileURLToPath(new URL('./define-tools.globals.d.ts', import.meta.url));
const globalsSource =
  'interface AbortSignal { readonly aborted: boolean; readonly reason: unknown; throwIfAborted(): void; }\n';
/** Library and imported files parsed once, shared by both compilations. */
const parsed = new Map<string, ts.SourceFile | undefined>();
let previous: ts.Program | undefined;

/** The 1-based lines of the type errors of `source` (checked as `typeCheckFile`, strict options). */
function errorLines(source: string): number[] {
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) =>
    file === typeCheckFile ? source : file === globalsFile ? globalsSource : readFile(file);
  host.fileExists = (
    (exists) => (file: string) =>
      file === globalsFile || exists(file)
  )(host.fileExists.bind(host));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) => {
    if (file === typeCheckFile) return ts.createSourceFile(file, source, language);
    if (file === globalsFile) return ts.createSourceFile(file, globalsSource, language);
    if (!parsed.has(file)) parsed.set(file, getSourceFile(file, language, onError));
    return parsed.get(file);
  };
  const program = ts.createProgram([typeCheckFile, globalsFile], options, host, previous);
  previous = program;
  const file = program.getSourceFile(typeCheckFile);
  return ts
    .getPreEmitDiagnostics(program, file)
    .filter((diagnostic) => diagnostic.file?.fileName === typeCheckFile && diagnostic.start !== undefined)
    .map(
      (diagnostic) =>
        (file as ts.SourceFile).getLineAndCharacterOfPosition(diagnostic.start as number).line + 1,
    )
    .filter((line, index, lines) => lines.indexOf(line) === index);
}

describe('defineTools', () => {
  it('returns the executors unchanged, ready for registry.tools()', async () => {
    const executors = { square: async ({ n }: { n: number }) => ({ value: n * n }) };
    const typed = defineTools<{ square: { input: { n: number }; output: { value: number } } }>(executors);
    expect(typed).toBe(executors);
    expect(await typed.square?.({ n: 3 }, {} as never)).toEqual({ value: 9 });
  });

  it('types executors by the generated WeftTools: the type check file errors exactly where it expects to', () => {
    const source = readFileSync(typeCheckFile, 'utf8');
    const lines = source.split('\n');
    const expected = lines.flatMap((line, index) => (directive.test(line) ? [index + 2] : []));
    expect(expected.length).toBe(4);
    expect(errorLines(source)).toEqual([]);
    const stripped = lines.map((line) => (directive.test(line) ? '' : line)).join('\n');
    expect(errorLines(stripped)).toEqual(expected);
  });
});
