import { weftError } from '../errors/create-weft-error.js';
import { compileSchema, type SchemaCheck } from '../tools/schema-validator.js';

/**
 * Checks a request value against a JSON Schema and returns it typed; on a mismatch throws
 * `VALIDATION_FAILED` (400) with the JSON pointer of the first problem (prefixed with `prefix`,
 * e.g. `/input`) and every issue.
 *
 * @example
 * const body = validateRequest<{ input: unknown }>(startBodySchema, request.body, 'request body');
 */
export function validateRequest<T>(schema: object, value: unknown, what: string, prefix = ''): T {
  const check: SchemaCheck = compileSchema(schema);
  const issues = check(value);
  if (issues === undefined) return value as T;
  const prefixed = issues.map((issue) => {
    const pointer = `${prefix}${issue.pointer}`;
    return {
      pointer,
      message: `${pointer === '' ? `the ${what}` : pointer} ${stripWhere(issue.message, issue.pointer)}`,
    };
  });
  const first = prefixed[0];
  throw weftError('VALIDATION_FAILED', {
    message: `The ${what} is invalid: ${first?.message ?? 'it does not match its schema'}.`,
    details: { pointer: first?.pointer ?? prefix, issues: prefixed },
  });
}

/** `schema-validator` messages start with the pointer (or "the value"); keep only the reason. */
function stripWhere(message: string, pointer: string): string {
  const where = pointer === '' ? 'the value' : pointer;
  return message.startsWith(`${where} `) ? message.slice(where.length + 1) : message;
}

/** The body of `POST /api/workflows/:name/runs`. */
export interface StartRunBody {
  readonly input: unknown;
  readonly wait?: boolean;
}

/** The body of `POST .../runs/:runId/resume`. */
export interface ResumeRunBody {
  readonly step?: string;
  readonly data: unknown;
}

/** Closed: unknown fields are a 400. */
export const startRunBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['input'],
  properties: { input: {}, wait: { type: 'boolean' } },
} as const;

/** Closed: unknown fields are a 400. */
export const resumeRunBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: { step: { type: 'string', minLength: 1 }, data: {} },
} as const;

/** The cancel body is optional; when given it is an empty object. */
export const cancelRunBodySchema = { type: 'object', additionalProperties: false, properties: {} } as const;

/** The query of `GET /api/workflows/:name/runs`. */
export interface ListRunsQuery {
  readonly status?: string;
  readonly limit?: string;
  readonly cursor?: string;
}

export const listRunsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: {
      type: 'string',
      pattern:
        '^(running|suspended|sleeping|completed|failed|cancelled)(,(running|suspended|sleeping|completed|failed|cancelled))*$',
    },
    limit: { type: 'string', pattern: '^(100|[1-9][0-9]?)$' },
    cursor: { type: 'string', minLength: 1, maxLength: 1000 },
  },
} as const;
