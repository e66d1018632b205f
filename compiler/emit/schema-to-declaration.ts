import { compile } from 'json-schema-to-typescript';
import type { JsonSchemaV1 } from '../../runtime/spec/v1/graph.js';
import { canonicalJson } from './canonical-json.js';
import { cleanSchema, isUnconstrained } from './clean-schema.js';

/**
 * The TypeScript declaration(s) of one JSON Schema under `name`, via json-schema-to-typescript,
 * re-indented with two spaces, properties in sorted order. Titles and ids are stripped so nested types are inlined; `$defs`
 * entries are declared as `<name><Key>`. An unconstrained schema is `unknown`.
 *
 * @example
 * await schemaToDeclaration({ type: 'object', required: ['id'], properties: { id: { type: 'string' } }, additionalProperties: false }, 'LookupOrderToolInput');
 * // 'export interface LookupOrderToolInput {\n  id: string\n}\n'
 */
export async function schemaToDeclaration(schema: JsonSchemaV1, name: string): Promise<string> {
  if (isUnconstrained(schema)) return `export type ${name} = unknown\n`;
  // keys sorted: the declaration depends on the schema's content, never on its key order
  const cleaned = JSON.parse(canonicalJson(cleanSchema(schema, { definitionPrefix: name })));
  const source = await compile(cleaned, name, {
    bannerComment: '',
    format: false,
    unknownAny: true,
    additionalProperties: true,
    strictIndexSignatures: false,
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
    enableConstEnums: false,
    inferStringEnumKeysFromValues: false,
    ignoreMinAndMaxItems: false,
    maxItems: 8,
  });
  return reindent(withDeclaredName(source, name));
}

/** json-schema-to-typescript may normalise a name; alias its declaration to the name we planned. */
function withDeclaredName(source: string, name: string): string {
  if (new RegExp(`^export (?:interface|type) ${name}\\b`, 'm').test(source)) return source;
  const declared = /^export (?:interface|type) (\w+)/m.exec(source)?.[1];
  return declared === undefined
    ? `export type ${name} = unknown\n`
    : `${source}\nexport type ${name} = ${declared}\n`;
}

/** Re-indents generated TypeScript by bracket depth (string literals and comments respected). */
export function reindent(source: string): string {
  const out: string[] = [];
  let depth = 0;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const isComment = line.startsWith('/*') || line.startsWith('*');
    const closesFirst = !isComment && /^[}\])]/.test(line);
    const level = Math.max(0, closesFirst ? depth - 1 : depth);
    const prefix = '  '.repeat(level);
    out.push(isComment && !line.startsWith('/*') ? `${prefix} ${line}` : `${prefix}${line}`);
    if (!isComment) depth = Math.max(0, depth + bracketBalance(line));
    if (depth === 0 && /^}/.test(line)) out.push('');
  }
  const text = out.join('\n').replace(/\n+$/, '');
  return `${text}\n`;
}

function bracketBalance(line: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quote !== undefined) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '{' || char === '[' || char === '(') balance += 1;
    else if (char === '}' || char === ']' || char === ')') balance -= 1;
  }
  return balance;
}
