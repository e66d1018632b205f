import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** One reason a value does not match its schema: where (JSON pointer) and why. */
export interface SchemaIssue {
  readonly pointer: string;
  readonly message: string;
}

/** Checks a value; resolves `undefined` when it is valid, else its issues (first is the primary one). */
export type SchemaCheck = (value: unknown) => readonly SchemaIssue[] | undefined;

let sharedAjv: Ajv2020 | undefined;
const compiled = new WeakMap<object, SchemaCheck>();

function ajv(): Ajv2020 {
  if (sharedAjv === undefined) {
    sharedAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    const addFormats = addFormatsModule as unknown as { default?: (a: Ajv2020) => void } & ((
      a: Ajv2020,
    ) => void);
    (addFormats.default ?? addFormats)(sharedAjv);
  }
  return sharedAjv;
}

function issueOf(error: ErrorObject): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    pointer += `/${escapePointer(params.missingProperty)}`;
  } else if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    pointer += `/${escapePointer(params.additionalProperty)}`;
  }
  const where = pointer === '' ? 'the value' : pointer;
  return { pointer, message: `${where} ${error.message ?? 'is invalid'}` };
}

function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Compiles a JSON Schema (draft 2020-12) once and returns a fast check; the result is cached by
 * the schema object, so compiling the same graph object twice costs a map lookup.
 *
 * @example
 * const check = compileSchema({ type: 'object', required: ['id'] });
 * check({}); // [{ pointer: '/id', message: "/id must have required property 'id'" }]
 */
export function compileSchema(schema: object): SchemaCheck {
  const cached = compiled.get(schema);
  if (cached !== undefined) return cached;
  let validate: ValidateFunction;
  const id = (schema as { $id?: unknown }).$id;
  const existing = typeof id === 'string' ? ajv().getSchema(id) : undefined;
  validate = existing ?? ajv().compile(schema);
  const check: SchemaCheck = (value) => (validate(value) ? undefined : (validate.errors ?? []).map(issueOf));
  compiled.set(schema, check);
  return check;
}
