import type {
  IntegrationActionV1,
  IntegrationGraphV1,
  ValueTemplateV1,
} from '../../runtime/spec/v1/graph.js';
import { schemaId } from '../../schema/index.js';
import type { Reporter } from '../check/reporter.js';
import { inputOnlyScope } from '../expressions/check-scope.js';
import { compileValue } from '../expressions/compile-value.js';
import { toPointer } from '../json-pointer.js';
import { importOpenApi } from '../link/openapi-import.js';
import type { IntegrationAction, IntegrationSpec } from '../manifest-types.js';
import type { ParsedManifest } from '../model.js';
import { dataSchemaOf, emptyObjectSchema } from './data-schema-of.js';
import { normalizeHttpAuth } from './http-auth.js';
import { durationMs } from './units.js';

/** The `$id` of the schema this transform implements. */
export const integrationSchemaId = schemaId('Integration');

function normalizeAction(name: string, action: IntegrationAction, reporter: Reporter): IntegrationActionV1 {
  const pointer = toPointer(['spec', 'actions', name]);
  const input = dataSchemaOf(action.input, emptyObjectSchema);
  const scope = inputOnlyScope(input);
  const value = (key: string, member: unknown): ValueTemplateV1 =>
    compileValue(member, `${pointer}/${key}`, scope, reporter).template;
  return {
    name,
    ...(action.description === undefined ? {} : { description: action.description }),
    request: {
      method: action.method,
      url: value('path', action.path),
      ...(action.headers === undefined ? {} : { headers: value('headers', action.headers) }),
      ...(action.query === undefined ? {} : { query: value('query', action.query) }),
      ...(action.body === undefined ? {} : { body: value('body', action.body) }),
    },
    input,
    output: dataSchemaOf(action.output),
    source: { type: 'declared' },
  };
}

/**
 * Normalises an Integration: declared actions compiled (path, query, body over `input`), OpenAPI
 * operations imported (a declared action wins over an imported one of the same name), auth
 * secrets as `{ $secret }`, timeout in ms.
 *
 * @example
 * normalizeIntegration(manifest, reporter, '/project').actions['get-customer']?.request.method; // 'GET'
 */
export function normalizeIntegration(
  manifest: ParsedManifest<IntegrationSpec>,
  reporter: Reporter,
  dir: string,
): IntegrationGraphV1 {
  const spec = manifest.value.spec;
  const actions: Record<string, IntegrationActionV1> = {};
  if (spec.openapi !== undefined) {
    for (const action of importOpenApi(spec.openapi, dir, manifest.file, reporter))
      actions[action.name] = action;
  }
  for (const [name, action] of Object.entries(spec.actions ?? {}))
    actions[name] = normalizeAction(name, action, reporter);
  const timeoutMs = durationMs(spec.timeout);
  const description = manifest.value.metadata.description;
  return {
    name: manifest.name,
    ...(description === undefined ? {} : { description }),
    baseUrl: spec.baseUrl,
    ...(spec.auth === undefined ? {} : { auth: normalizeHttpAuth(spec.auth) }),
    headers: { ...(spec.headers ?? {}) },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    actions,
  };
}
