import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { pointerSegments, toPointer, valueAt } from './json-pointer.js';
import type { ManifestKind } from './model.js';
import {
  createMarkedFields,
  type MarkedFields,
  manifestAjvOptions,
  markKeywords,
} from './validators/mark-keywords.js';
import type { StandaloneValidators } from './validators/standalone-validators.js';

export type { MarkedFields };

type SchemaNode = { readonly [keyword: string]: unknown };

/** Options of `SchemaRegistry`. */
export interface SchemaRegistryOptions {
  /**
   * Validators compiled ahead of time from the same schemas (`loadStandaloneValidators`): a
   * manifest they accept is valid without compiling the schemas at run time; one they refuse is
   * validated again by Ajv for the full error objects.
   */
  readonly standalone?: StandaloneValidators | undefined;
}

/**
 * Ajv with the weft manifest schemas: one validator per kind, compiled lazily on first use and
 * cached; sub-schema validators (one `oneOf` branch) on demand. The custom keywords
 * `x-weft-secret` and `x-weft-env` record the instance paths they are applied to. With
 * `standalone` validators, valid manifests never make it compile anything.
 *
 * @example
 * const registry = new SchemaRegistry(manifestSchemas);
 * const { valid, errors, marked } = registry.validate('Tool', manifest.value);
 */
export class SchemaRegistry {
  #ajv: Ajv2020 | undefined;
  readonly #schemas: Partial<Record<ManifestKind, SchemaNode>>;
  readonly #ids = new Map<ManifestKind, string>();
  readonly #locations = new WeakMap<object, { rootId: string; pointer: string }>();
  readonly #roots = new Map<string, SchemaNode>();
  readonly #standalone: StandaloneValidators;

  constructor(schemas: Partial<Record<ManifestKind, SchemaNode>>, options: SchemaRegistryOptions = {}) {
    this.#schemas = schemas;
    this.#standalone = options.standalone ?? {};
  }

  /** The kinds this registry has a schema for. */
  kinds(): ManifestKind[] {
    return Object.keys(this.#schemas) as ManifestKind[];
  }

  #instance(): Ajv2020 {
    if (this.#ajv !== undefined) return this.#ajv;
    const ajv = new Ajv2020({ ...manifestAjvOptions, verbose: true });
    addFormats.default(ajv);
    for (const keyword of markKeywords) ajv.addKeyword(keyword);
    for (const [kind, schema] of Object.entries(this.#schemas) as [ManifestKind, SchemaNode][]) {
      const id = typeof schema.$id === 'string' ? schema.$id : `weft:${kind}`;
      ajv.addSchema(schema as object, typeof schema.$id === 'string' ? undefined : id);
      this.#ids.set(kind, id);
      this.#roots.set(id, schema);
      this.#index(schema, id, []);
    }
    this.#ajv = ajv;
    return ajv;
  }

  #index(node: unknown, rootId: string, path: (string | number)[]): void {
    if (node === null || typeof node !== 'object' || this.#locations.has(node)) return;
    if (!Array.isArray(node)) this.#locations.set(node, { rootId, pointer: toPointer(path) });
    for (const [key, child] of Object.entries(node)) this.#index(child, rootId, [...path, key]);
  }

  /** Validates a manifest against its kind's schema; `marked` lists the secret / env fields seen. */
  validate(
    kind: ManifestKind,
    data: unknown,
  ): { valid: boolean; errors: ErrorObject[]; marked: MarkedFields } {
    const standalone = this.#standalone[kind];
    if (standalone !== undefined) {
      const marked = createMarkedFields();
      if (standalone.call(marked, data)) return { valid: true, errors: [], marked };
    }
    const ajv = this.#instance();
    const id = this.#ids.get(kind);
    const validator = id === undefined ? undefined : ajv.getSchema(id);
    const marked = createMarkedFields();
    if (validator === undefined) return { valid: true, errors: [], marked };
    const valid = validator.call(marked, data) as boolean;
    return { valid, errors: [...(validator.errors ?? [])], marked };
  }

  /** A validator for one schema node of a registered root (a `oneOf` branch), or undefined. */
  validatorFor(node: object): ValidateFunction | undefined {
    this.#instance();
    const location = this.#locations.get(node);
    if (location === undefined) return undefined;
    return this.#ajv?.getSchema(`${location.rootId}#${location.pointer}`);
  }

  /** Follows `$ref`s (local `#/...` or `<$id>#/...`) from a schema node; the node itself otherwise. */
  resolve(node: unknown, depth = 0): SchemaNode | undefined {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const schema = node as SchemaNode;
    const ref = schema.$ref;
    if (typeof ref !== 'string' || depth > 20) return schema;
    const location = this.#locations.get(schema);
    const [base, fragment = ''] = ref.split('#');
    const rootId = base === '' || base === undefined ? location?.rootId : base;
    const root = rootId === undefined ? undefined : this.#roots.get(rootId);
    if (root === undefined) return schema;
    const target = valueAt(root, toPointer(pointerSegments(decodeURI(fragment))));
    return this.resolve(target, depth + 1);
  }
}
