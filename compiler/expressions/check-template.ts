import Handlebars from 'handlebars';
import type { DiagnosticSink, TextSpot } from '../check/reporter.js';
import { didYouMean } from '../suggest.js';
import { anySchema, type DataSchema, memberOf, schemaTypes } from './data-schema.js';

/** The helpers prompt templates may use. */
export const knownHelpers = ['if', 'unless', 'each', 'with'] as const;

const dataVariables = new Set(['index', 'key', 'first', 'last']);

interface TemplateWalk {
  readonly sink: DiagnosticSink;
  readonly pointer: string;
  /** Context schemas, outermost first. */
  readonly stack: readonly DataSchema[];
  /** The template source, to find where a node stands in the YAML file. */
  readonly source: string;
}

type Node = hbs.AST.Node;

/** The offset in `source` of a 1-based line and 0-based column. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = source.indexOf('\n', offset);
    if (next === -1) return source.length;
    offset = next + 1;
  }
  return Math.min(source.length, offset + column);
}

/** The text a node spans on its first line, and which occurrence of that text it is. */
function spotOf(source: string, start: number, end: number): TextSpot {
  const lineEnd = source.indexOf('\n', start);
  const stop = Math.min(end > start ? end : source.length, lineEnd === -1 ? source.length : lineEnd);
  const needle = source.slice(start, stop);
  let occurrence = 0;
  for (let at = source.indexOf(needle); at !== -1 && at < start; at = source.indexOf(needle, at + 1))
    occurrence += 1;
  return { needle, occurrence };
}

function nodeSpot(node: Node, walk: TemplateWalk): TextSpot {
  const loc = node.loc;
  if (loc === undefined || loc === null) return { needle: '', occurrence: 0 };
  const start = offsetOf(walk.source, loc.start.line, loc.start.column);
  const end = offsetOf(walk.source, loc.end.line, loc.end.column);
  return spotOf(walk.source, start, end);
}

function resolvePath(path: hbs.AST.PathExpression, walk: TemplateWalk): DataSchema | undefined {
  if (path.data) {
    const [first, ...rest] = path.parts;
    if (first === 'root') return walkParts(rest, walk.stack[0] ?? anySchema, path, walk);
    if (first !== undefined && dataVariables.has(first)) return anySchema;
    walk.sink.errorAtText(
      'TEMPLATE_UNKNOWN_VARIABLE',
      walk.pointer,
      nodeSpot(path, walk),
      `The template uses "${path.original}", which is not a known data variable.`,
      'The data variables are @index, @key, @first, @last and @root.',
    );
    return undefined;
  }
  const context = walk.stack[walk.stack.length - 1 - path.depth] ?? walk.stack[0] ?? anySchema;
  return walkParts(path.parts, context, path, walk);
}

function walkParts(
  parts: readonly string[],
  start: DataSchema,
  path: hbs.AST.PathExpression,
  walk: TemplateWalk,
): DataSchema | undefined {
  let current = start;
  for (const part of parts) {
    const lookup = memberOf(current, part);
    if (lookup.kind !== 'found') {
      const known = lookup.kind === 'missing' ? lookup.known : [];
      walk.sink.errorAtText(
        'TEMPLATE_UNKNOWN_VARIABLE',
        walk.pointer,
        nodeSpot(path, walk),
        `The template uses "{{${path.original}}}", but "${part}" is not in its input.`,
        didYouMean(part, known) ??
          (known.length > 0 ? `The variables here are ${known.join(', ')}.` : undefined),
      );
      return undefined;
    }
    current = lookup.schema;
  }
  return current;
}

function checkExpression(expression: hbs.AST.Expression, walk: TemplateWalk): DataSchema | undefined {
  if (expression.type === 'PathExpression') return resolvePath(expression as hbs.AST.PathExpression, walk);
  if (expression.type === 'SubExpression') {
    const sub = expression as hbs.AST.SubExpression;
    walk.sink.errorAtText(
      'TEMPLATE_UNKNOWN_HELPER',
      walk.pointer,
      nodeSpot(sub, walk),
      `The template calls "${sub.path.original}", which is not an allowed helper.`,
      `The helpers are ${knownHelpers.join(', ')}.`,
    );
  }
  return anySchema;
}

function elementOf(schema: DataSchema): DataSchema {
  const isArray = schemaTypes(schema)?.includes('array') ?? false;
  const lookup = memberOf(schema, isArray ? 0 : '*');
  return lookup.kind === 'found' ? lookup.schema : anySchema;
}

function checkBlock(block: hbs.AST.BlockStatement, walk: TemplateWalk): void {
  const name = block.path.original;
  if (!(knownHelpers as readonly string[]).includes(name) || block.params.length !== 1) {
    walk.sink.errorAtText(
      'TEMPLATE_UNKNOWN_HELPER',
      walk.pointer,
      nodeSpot(block, walk),
      `The template uses the block "{{#${name}}}", which is not an allowed helper with one argument.`,
      didYouMean(name, knownHelpers) ?? `The helpers are ${knownHelpers.join(', ')}.`,
    );
    return;
  }
  const [argument] = block.params;
  const schema = argument === undefined ? undefined : checkExpression(argument, walk);
  let inner = walk;
  if (name === 'each') inner = { ...walk, stack: [...walk.stack, elementOf(schema ?? anySchema)] };
  if (name === 'with') inner = { ...walk, stack: [...walk.stack, schema ?? anySchema] };
  if (block.program !== undefined)
    checkProgram(
      block.program,
      schema === undefined ? { ...walk, stack: [...walk.stack, anySchema] } : inner,
    );
  if (block.inverse !== undefined) checkProgram(block.inverse, walk);
}

function checkStatement(statement: hbs.AST.Statement, walk: TemplateWalk): void {
  switch (statement.type) {
    case 'MustacheStatement': {
      const mustache = statement as hbs.AST.MustacheStatement;
      if (mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0) {
        const name =
          mustache.path.type === 'PathExpression'
            ? (mustache.path as hbs.AST.PathExpression).original
            : 'a literal';
        walk.sink.errorAtText(
          'TEMPLATE_UNKNOWN_HELPER',
          walk.pointer,
          nodeSpot(mustache, walk),
          `The template calls "${name}", which is not an allowed helper.`,
          `The helpers are ${knownHelpers.join(', ')} (as blocks).`,
        );
        return;
      }
      checkExpression(mustache.path, walk);
      return;
    }
    case 'BlockStatement':
      checkBlock(statement as hbs.AST.BlockStatement, walk);
      return;
    case 'PartialStatement':
    case 'PartialBlockStatement':
    case 'DecoratorBlock':
    case 'Decorator':
      walk.sink.errorAtText(
        'TEMPLATE_UNKNOWN_HELPER',
        walk.pointer,
        nodeSpot(statement, walk),
        'Prompt templates cannot use partials or decorators.',
      );
      return;
    default:
      return;
  }
}

function checkProgram(program: hbs.AST.Program, walk: TemplateWalk): void {
  for (const statement of program.body) checkStatement(statement, walk);
}

/** Handlebars names the line of a parse error; a block left open is reported at its opener. */
function syntaxErrorSpot(source: string, message: string, lineNumber: unknown): TextSpot {
  if (/got 'EOF'/.test(message)) {
    const opener = source.lastIndexOf('{{#');
    if (opener !== -1) return spotOf(source, opener, source.indexOf('}}', opener) + 2);
  }
  const line =
    typeof lineNumber === 'number' ? lineNumber : Number(/on line (\d+)/.exec(message)?.[1] ?? '1');
  const lineStart = offsetOf(source, line, 0);
  const mustache = source.indexOf('{{', lineStart);
  const lineEnd = source.indexOf('\n', lineStart);
  const start = mustache !== -1 && (lineEnd === -1 || mustache < lineEnd) ? mustache : lineStart;
  return spotOf(source, start, source.indexOf('}}', start) + 2);
}

/**
 * Parses a Handlebars prompt template and checks it against the schema of its input: every
 * `{{path}}` must exist (`TEMPLATE_UNKNOWN_VARIABLE`), only `if unless each with` may be used
 * (`TEMPLATE_UNKNOWN_HELPER`), and it must parse (`TEMPLATE_SYNTAX`). Problems are reported at
 * where they stand in the YAML source, whatever the string's style (`|`, `>`, quoted).
 *
 * @example
 * checkTemplate('Hello {{customerName}}', contextSchema, sink, '/spec/instructions');
 */
export function checkTemplate(
  source: string,
  input: DataSchema,
  sink: DiagnosticSink,
  pointer: string,
): void {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.create().parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason =
      message
        .split('\n')
        .filter((text) => text.trim() !== '' && !/^-*\^$/.test(text.trim()))
        .pop() ?? message;
    sink.errorAtText(
      'TEMPLATE_SYNTAX',
      pointer,
      syntaxErrorSpot(source, message, error instanceof Error ? Reflect.get(error, 'lineNumber') : undefined),
      `The prompt template cannot be parsed: ${reason}`,
    );
    return;
  }
  checkProgram(program, { sink, pointer, stack: [input], source });
}
