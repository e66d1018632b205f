import { _, type CodeKeywordDefinition, type KeywordCxt, Name, type Options } from 'ajv';
import { getProperty, strConcat } from 'ajv/dist/compile/codegen/index.js';

/** Ajv's names for the validator's `this` and its `instancePath` argument (`ajv/dist/compile/names`). */
const names = { this: new Name('this'), instancePath: new Name('instancePath') };

/**
 * Brands a `MarkedFields` handed to a validator as `this` (`Symbol.for`, so generated code can
 * name it). Ajv's run-time validators are sloppy-mode functions, where a call without `this`
 * sees `globalThis`: the brand tells a collector from that.
 */
export const markedFieldsBrand: unique symbol = Symbol.for('weft.markedFields');
const brandKey = 'weft.markedFields';

/** Pointers of the values that sat under `x-weft-secret` / `x-weft-env` during one validation. */
export interface MarkedFields {
  readonly secret: Set<string>;
  readonly env: Set<string>;
  readonly [markedFieldsBrand]?: true;
}

/**
 * An empty, branded collector of marked fields.
 *
 * @example
 * const marked = createMarkedFields();
 * validate.call(marked, value);
 */
export function createMarkedFields(): MarkedFields {
  return { secret: new Set(), env: new Set(), [markedFieldsBrand]: true };
}

/**
 * A validator compiled with `manifestAjvOptions`: call it with a `createMarkedFields()` as `this`
 * to collect the secret / env fields (`validate.call(marked, data)`); without it nothing is
 * recorded.
 */
export type MarkingValidator = (this: MarkedFields | undefined, data: unknown) => boolean;

/**
 * The Ajv options of the manifest schemas, shared by the run-time registry and the generated
 * standalone validators (which add `code.source` and drop `verbose`). `passContext` hands the
 * `MarkedFields` collector down to every sub-schema validator.
 */
export const manifestAjvOptions = {
  strict: true,
  allErrors: true,
  allowUnionTypes: true,
  passContext: true,
} as const satisfies Options;

function markKeyword(
  keyword: 'x-weft-secret' | 'x-weft-env',
  field: 'secret' | 'env',
): CodeKeywordDefinition {
  return {
    keyword,
    schemaType: 'boolean',
    code(cxt: KeywordCxt) {
      const { gen, it } = cxt;
      // The instance path exactly as Ajv hands it to a `validate` keyword function.
      const path = strConcat(names.instancePath, it.errorPath);
      const collector = _`${names.this}?.[Symbol.for(${brandKey})] === true`;
      gen.if(collector, () => gen.code(_`${names.this}${getProperty(field)}.add(${path})`));
    },
  };
}

/**
 * The custom keywords `x-weft-secret` and `x-weft-env` as generated code (so they also work in
 * standalone validators): each records the instance path it is applied to in `this.secret` /
 * `this.env`, never fails, and does nothing when the validator is called without a branded
 * collector.
 *
 * @example
 * for (const keyword of markKeywords) ajv.addKeyword(keyword);
 */
export const markKeywords: readonly CodeKeywordDefinition[] = [
  markKeyword('x-weft-secret', 'secret'),
  markKeyword('x-weft-env', 'env'),
];
