import type { ErrorObject } from 'ajv';
import type { Diagnostic } from './diagnostic.js';
import type { DiagnosticCode } from './diagnostic-codes.js';
import { toPointer } from './json-pointer.js';
import { makeDiagnostic } from './make-diagnostic.js';
import type { ParsedManifest } from './model.js';
import type { SchemaIssue } from './refine-errors.js';
import { didYouMean } from './suggest.js';

type SchemaNode = { readonly [keyword: string]: unknown };

const durationMarker = '(ms|s|m|h|d)';
const namePatterns = new Set(['^[a-z][a-z0-9]*(-[a-z0-9]+)*$', '^[a-z][a-z0-9]*([-_][a-z0-9]+)*$']);

const show = (value: unknown): string =>
  typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
const list = (values: readonly unknown[]): string => values.map(show).join(', ');

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

interface Mapped {
  readonly code: DiagnosticCode;
  readonly pointer: string;
  readonly key: boolean;
  readonly message: string;
  readonly hint?: string | undefined;
}

function pathLabel(pointer: string): string {
  return pointer === '' ? 'The manifest' : `"${pointer.slice(1).replace(/\//g, '.')}"`;
}

function mapPattern(error: ErrorObject): Mapped {
  const parent = error.parentSchema as SchemaNode | undefined;
  const pattern = String(error.schema);
  const at = error.instancePath;
  if (pattern.includes(durationMarker)) {
    return {
      code: 'SCHEMA_INVALID_DURATION',
      pointer: at,
      key: false,
      message: `${show(error.data)} is not a duration.`,
      hint: 'Write 250ms, 5s, 10m, 2h, 7d or combine them (1h30m).',
    };
  }
  if (namePatterns.has(pattern) || pattern.startsWith('^[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.')) {
    return {
      code: 'SCHEMA_INVALID_NAME',
      pointer: at,
      key: false,
      message: `${show(error.data)} is not a valid name.`,
      hint: 'Use kebab-case: lowercase letters, digits and dashes, starting with a letter (order-approval).',
    };
  }
  const description = typeof parent?.description === 'string' ? ` ${parent.description}` : '';
  return {
    code: 'SCHEMA_INVALID_VALUE',
    pointer: at,
    key: false,
    message: `${show(error.data)} does not have the expected form.${description}`,
    hint: `It must match the pattern ${pattern}.`,
  };
}

function mapError(error: ErrorObject): Mapped {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const properties = (error.parentSchema as SchemaNode | undefined)?.properties;
      const allowed = typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
      const hint =
        didYouMean(key, allowed) ??
        (allowed.length > 0 ? `Allowed keys here: ${allowed.join(', ')}.` : undefined);
      return {
        code: 'SCHEMA_UNKNOWN_KEY',
        pointer: `${at}${toPointer([key])}`,
        key: true,
        message: `Unknown key "${key}".`,
        hint,
      };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        code: 'SCHEMA_MISSING_KEY',
        pointer: at,
        key: true,
        message: `${pathLabel(at)} is missing the required key "${missing}".`,
      };
    }
    case 'type': {
      const expected = Array.isArray(params.type) ? params.type.join(' or ') : String(params.type);
      return {
        code: 'SCHEMA_WRONG_TYPE',
        pointer: at,
        key: false,
        message: `Expected ${expected}, found ${typeName(error.data)}.`,
      };
    }
    case 'pattern':
      return mapPattern(error);
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const near = typeof error.data === 'string' ? didYouMean(error.data, allowed.map(String)) : undefined;
      const hint =
        near === undefined
          ? `Allowed values: ${list(allowed)}.`
          : `${near} Allowed values: ${list(allowed)}.`;
      return {
        code: 'SCHEMA_INVALID_VALUE',
        pointer: at,
        key: false,
        message: `${show(error.data)} is not allowed here.`,
        hint,
      };
    }
    case 'const':
      return {
        code: 'SCHEMA_INVALID_VALUE',
        pointer: at,
        key: false,
        message: `${show(error.data)} is not allowed here; the value must be ${show(params.allowedValue)}.`,
      };
    case 'propertyNames':
      return {
        code: 'SCHEMA_INVALID_VALUE',
        pointer: `${at}${toPointer([String(params.propertyName)])}`,
        key: true,
        message: `The key "${String(params.propertyName)}" is not allowed here.`,
      };
    default:
      return {
        code: 'SCHEMA_INVALID_VALUE',
        pointer: at,
        key: false,
        message: `${pathLabel(at)} ${error.message ?? 'is not valid'}.`,
      };
  }
}

function mapDecision(issue: Extract<SchemaIssue, { type: 'decision' }>): Mapped {
  const at = issue.instancePath;
  const decision = issue.decision;
  switch (decision.type) {
    case 'one-kind-key': {
      const found = decision.present.length === 0 ? 'none' : decision.present.join(', ');
      const executor = decision.keys.includes('plugin');
      return {
        code: 'SCHEMA_ONE_KIND_KEY',
        pointer: at,
        key: true,
        message: `${pathLabel(at)} must have exactly one of the keys ${decision.keys.join(', ')}; found ${found}.`,
        hint: executor
          ? 'A tool has exactly one executor: keep one of these keys.'
          : 'Keep exactly one kind key; split the rest into separate steps.',
      };
    }
    case 'discriminator': {
      const pointer = `${at}${toPointer([decision.property])}`;
      const near =
        typeof decision.found === 'string'
          ? didYouMean(decision.found, decision.allowed.map(String))
          : undefined;
      return {
        code: 'SCHEMA_INVALID_VALUE',
        pointer,
        key: false,
        message: `${show(decision.found)} is not allowed here.`,
        hint: `${near === undefined ? '' : `${near} `}Allowed values: ${list(decision.allowed)}.`,
      };
    }
    case 'wrong-type':
      return {
        code: 'SCHEMA_WRONG_TYPE',
        pointer: at,
        key: false,
        message: `Expected ${decision.expected.join(' or ')}.`,
      };
    case 'no-match':
      return {
        code: 'SCHEMA_INVALID_VALUE',
        pointer: at,
        key: false,
        message: `${pathLabel(at)} matches none of the allowed forms.`,
        hint: decision.descriptions.length > 0 ? `Allowed: ${decision.descriptions.join(' | ')}` : undefined,
      };
  }
}

/**
 * Turns refined schema issues into diagnostics with precise positions (an unknown key at the key,
 * a wrong value at the value, a missing key at its parent's key).
 *
 * @example
 * schemaDiagnostics(manifest, refineErrors(errors, registry));
 */
export function schemaDiagnostics(manifest: ParsedManifest, issues: readonly SchemaIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const mapped = issue.type === 'error' ? mapError(issue.error) : mapDecision(issue);
    const position = manifest.locate(mapped.pointer, { key: mapped.key });
    return makeDiagnostic(mapped.code, manifest.file, position, mapped.pointer, mapped.message, {
      hint: mapped.hint,
    });
  });
}
