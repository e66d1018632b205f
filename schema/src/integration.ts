// biome-ignore-all lint/suspicious/noTemplateCurlyInString: descriptions quote the `${{ }}` expression syntax.
import { envelope, namePattern } from './common.js';
import { arrayOf, closedObject, mapOf, ref, type SchemaObject, string } from './schema-object.js';

const action = closedObject(
  'A declared action, used as the tool `<integration>.<action>`.',
  {
    description: string('What the action does (shown to agents).'),
    method: ref('httpMethod', 'The HTTP method.'),
    path: string('The path after `baseUrl`; may embed `${{ input.* }}`.', { minLength: 1 }),
    input: ref('dataSchema', 'The schema of the action input (default: an object with no properties).'),
    output: ref('dataSchema', 'The schema of the response body (default: any JSON).'),
    headers: ref('valueMap', 'Extra request headers, values over `input`.'),
    query: ref('valueMap', 'Query parameters, values over `input`.'),
    body: ref('value', 'The JSON body, a value over `input`.'),
  },
  ['method', 'path'],
);

/**
 * `$defs` of the Integration kind.
 *
 * @example
 * integrationDefs.integrationSpec.required; // ['baseUrl']
 */
export const integrationDefs: Record<string, SchemaObject> = {
  integrationManifest: envelope(
    'Integration',
    'integrationSpec',
    'An Integration manifest: an HTTP API and its actions.',
  ),
  integrationSpec: closedObject(
    'The API: where it is, how it authenticates, and its actions.',
    {
      baseUrl: ref('envString', 'The base URL of every action path.'),
      auth: ref('httpAuth', 'How requests authenticate.'),
      headers: mapOf('Headers sent with every request.', { type: 'string' }),
      timeout: ref('duration', 'The longest one request may take.'),
      actions: mapOf(
        'Declared actions by kebab-case name.',
        { $ref: '#/$defs/integrationAction' },
        {
          propertyNames: { pattern: namePattern, maxLength: 63 },
        },
      ),
      openapi: closedObject(
        'Import actions from an OpenAPI 3 document.',
        {
          file: string('The document path, relative to this manifest.', { minLength: 1 }),
          operations: arrayOf(
            'The operationIds to import (default all); each becomes an action.',
            { type: 'string', minLength: 1 },
            { uniqueItems: true },
          ),
        },
        ['file'],
      ),
    },
    ['baseUrl'],
  ),
  integrationAction: action,
};
