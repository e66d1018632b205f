import type { DataSchema } from '../expressions/data-schema.js';
import { schemaTypes } from '../expressions/data-schema.js';
import { didYouMean } from '../suggest.js';
import type { DiagnosticSink } from './reporter.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value of type `given` can satisfy a field of type `wanted` (integers are numbers). */
function compatible(given: readonly string[], wanted: readonly string[]): boolean {
  return given.some((type) => wanted.includes(type) || (type === 'integer' && wanted.includes('number')));
}

/**
 * Checks a step's `with` mapping against the input schema of what it calls (a tool or a
 * sub-workflow): a required field left out (`LINK_INPUT_MISSING_FIELD`), a field the closed input
 * does not have (`LINK_INPUT_UNKNOWN_FIELD`, with a did-you-mean), a value whose type is known and
 * cannot fit (`LINK_INPUT_WRONG_TYPE`). Only literal mappings are checked field by field; a `with`
 * that is one reference is left to run-time validation.
 *
 * @example
 * checkStepInput(step.with, compiled.schema, tool.input, '/spec/steps/0', reporter, 'tool "lookup-order"');
 */
export function checkStepInput(
  given: unknown,
  givenSchema: DataSchema,
  input: DataSchema,
  stepPointer: string,
  reporter: DiagnosticSink,
  callee: string,
): void {
  const mapping = given === undefined ? {} : given;
  if (!isPlainObject(mapping) || !isPlainObject(input.properties)) return;
  const properties = input.properties as Record<string, DataSchema>;
  const withPointer = given === undefined ? stepPointer : `${stepPointer}/with`;
  const required = Array.isArray(input.required)
    ? input.required.filter((k): k is string => typeof k === 'string')
    : [];
  for (const field of required) {
    if (!(field in mapping)) {
      reporter.error(
        'LINK_INPUT_MISSING_FIELD',
        withPointer,
        `The input of ${callee} requires "${field}", which \`with\` does not give.`,
        `Add ${field}: <value> under with.`,
        { key: true },
      );
    }
  }
  const givenProperties = isPlainObject(givenSchema.properties)
    ? (givenSchema.properties as Record<string, DataSchema>)
    : {};
  for (const [field, value] of Object.entries(mapping)) {
    const wanted = properties[field];
    if (wanted === undefined) {
      if (input.additionalProperties === false) {
        reporter.error(
          'LINK_INPUT_UNKNOWN_FIELD',
          `${withPointer}/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`,
          `The input of ${callee} has no field "${field}".`,
          didYouMean(field, Object.keys(properties)) ??
            `Its fields are ${Object.keys(properties).join(', ')}.`,
          { key: true },
        );
      }
      continue;
    }
    const wantedTypes = schemaTypes(wanted);
    const member = givenProperties[field];
    const givenTypes = member === undefined ? undefined : schemaTypes(member);
    if (value === undefined || wantedTypes === undefined || givenTypes === undefined) continue;
    if (!compatible(givenTypes, wantedTypes)) {
      reporter.error(
        'LINK_INPUT_WRONG_TYPE',
        `${withPointer}/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`,
        `The input of ${callee} wants "${field}" to be ${wantedTypes.join(' or ')}, but it is given ${givenTypes.join(' or ')}.`,
      );
    }
  }
}
