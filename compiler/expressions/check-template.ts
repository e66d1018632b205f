import Handlebars from 'handlebars';
import type { DiagnosticSink } from '../check/reporter.js';
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
  /** 1 when the template is a multi-line (block) scalar: its first line is the line after `|`. */
  readonly blockShift: number;
}

type Node = hbs.AST.Node;

function lineOffset(node: Node, walk?: TemplateWalk): number {
  return Math.max(0, (node.loc?.start.line ?? 1) - 1) + (walk?.blockShift ?? 0);
}

function resolvePath(path: hbs.AST.PathExpression, walk: TemplateWalk): DataSchema | undefined {
  if (path.data) {
    const [first, ...rest] = path.parts;
    if (first === 'root') return walkParts(rest, walk.stack[0] ?? anySchema, path, walk);
    if (first !== undefined && dataVariables.has(first)) return anySchema;
    walk.sink.errorAtLine(
      'TEMPLATE_UNKNOWN_VARIABLE',
      walk.pointer,
      lineOffset(path, walk),
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
      walk.sink.errorAtLine(
        'TEMPLATE_UNKNOWN_VARIABLE',
        walk.pointer,
        lineOffset(path, walk),
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
    walk.sink.errorAtLine(
      'TEMPLATE_UNKNOWN_HELPER',
      walk.pointer,
      lineOffset(sub, walk),
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
    walk.sink.errorAtLine(
      'TEMPLATE_UNKNOWN_HELPER',
      walk.pointer,
      lineOffset(block, walk),
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
        walk.sink.errorAtLine(
          'TEMPLATE_UNKNOWN_HELPER',
          walk.pointer,
          lineOffset(mustache, walk),
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
      walk.sink.errorAtLine(
        'TEMPLATE_UNKNOWN_HELPER',
        walk.pointer,
        lineOffset(statement, walk),
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

/**
 * Parses a Handlebars prompt template and checks it against the schema of its input: every
 * `{{path}}` must exist (`TEMPLATE_UNKNOWN_VARIABLE`), only `if unless each with` may be used
 * (`TEMPLATE_UNKNOWN_HELPER`), and it must parse (`TEMPLATE_SYNTAX`). Problems are reported at
 * their line inside the template: a multi-line template is taken to be a block scalar (`|`),
 * whose first line is the line after the one holding the key.
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
    const reported: unknown = error instanceof Error ? Reflect.get(error, 'lineNumber') : undefined;
    const line = typeof reported === 'number' ? String(reported) : /on line (\d+)/.exec(message)?.[1];
    const offset = (line === undefined ? 0 : Number(line) - 1) + (source.includes('\n') ? 1 : 0);
    const reason =
      message
        .split('\n')
        .filter((text) => text.trim() !== '' && !/^-*\^$/.test(text.trim()))
        .pop() ?? message;
    sink.errorAtLine('TEMPLATE_SYNTAX', pointer, offset, `The prompt template cannot be parsed: ${reason}`);
    return;
  }
  checkProgram(program, { sink, pointer, stack: [input], blockShift: source.includes('\n') ? 1 : 0 });
}
