// biome-ignore-all lint/suspicious/noTemplateCurlyInString: descriptions quote the `${{ }}` expression syntax.
import {
  arrayOf,
  boolean,
  closedObject,
  integer,
  mapOf,
  number,
  ref,
  type SchemaObject,
  string,
} from './schema-object.js';

/** Kebab-case names of manifests and integration actions: `order-approval`. */
export const namePattern = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
/** Step and branch ids: kebab-case, underscores also allowed (`step-1`, `fetch_all`). */
export const stepIdPattern = '^[a-z][a-z0-9]*([-_][a-z0-9]+)*$';
/** A tool name, or an integration action `<integration>.<action>`. */
export const toolNamePattern = '^[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)?$';
/** Durations: `250ms`, `5s`, `10m`, `2h`, `7d`, combined `1h30m`. */
export const durationPattern = '^(\\d+(ms|s|m|h|d))+$';
/** Semantic version 2.0.0. */
export const semverPattern =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$';
/** Environment variable names. */
export const envNamePattern = '^[A-Za-z_][A-Za-z0-9_]*$';
/** Exactly one environment reference: `${{ env.NAME }}`. */
export const envRefPattern = '^\\$\\{\\{\\s*env\\.[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\}$';
/** Byte sizes: `512kb`, `1mb`. */
export const byteSizePattern = '^\\d+(b|kb|mb|gb)$';
/** Model references `provider:model`. */
export const modelPattern = '^[a-z][a-z0-9-]*:[^\\s]+$';
/** Error codes (`TOOL_TIMEOUT`). */
export const errorCodePattern = '^[A-Z][A-Z0-9_]*$';

/** The names of the custom keywords the schemas use; the compiler registers them with Ajv. */
export const customKeywords = ['x-weft-secret', 'x-weft-env'] as const;

const dataTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
const dataFormats = [
  'date',
  'time',
  'date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
];

const dataSchemaList = (description: string): SchemaObject =>
  arrayOf(description, { $ref: '#/$defs/dataSchema' }, { minItems: 1 });

/** The closed subset of JSON Schema accepted for data contracts (see docs/manifest-language.md). */
const dataSchema = closedObject(
  'A data contract: a closed subset of JSON Schema. An object schema with `properties` and no `additionalProperties` is closed.',
  {
    type: {
      description: 'The JSON type, or a list of types (`[string, "null"]` for a nullable string).',
      oneOf: [
        { type: 'string', enum: dataTypes },
        { type: 'array', items: { type: 'string', enum: dataTypes }, minItems: 1, uniqueItems: true },
      ],
    },
    properties: mapOf('The schema of each named property of an object.', { $ref: '#/$defs/dataSchema' }),
    required: arrayOf('The properties an object must have.', { type: 'string' }, { uniqueItems: true }),
    items: ref('dataSchema', 'The schema of every element of an array.'),
    enum: arrayOf('The allowed values.', {}, { minItems: 1 }),
    const: { description: 'The only allowed value.' },
    description: string('What the value means (shown in generated types and API docs).'),
    default: { description: 'The value used when the property is absent.' },
    minimum: number('Smallest allowed number (inclusive).'),
    maximum: number('Largest allowed number (inclusive).'),
    exclusiveMinimum: number('Numbers must be greater than this.'),
    exclusiveMaximum: number('Numbers must be less than this.'),
    minLength: integer('Shortest allowed string length.', { minimum: 0 }),
    maxLength: integer('Longest allowed string length.', { minimum: 0 }),
    pattern: string('A regular expression strings must match.', { format: 'regex' }),
    format: string('A named string format.', { enum: dataFormats }),
    minItems: integer('Fewest allowed array elements.', { minimum: 0 }),
    maxItems: integer('Most allowed array elements.', { minimum: 0 }),
    uniqueItems: boolean('Whether array elements must be distinct.'),
    additionalProperties: {
      description: 'Whether (or with which schema) an object may have properties not listed in `properties`.',
      oneOf: [{ type: 'boolean' }, { $ref: '#/$defs/dataSchema' }],
    },
    anyOf: dataSchemaList('The value matches at least one of these schemas.'),
    oneOf: dataSchemaList('The value matches exactly one of these schemas.'),
    allOf: dataSchemaList('The value matches all of these schemas.'),
  },
);

const retryPolicy = closedObject(
  'How a failing step is retried.',
  {
    maxAttempts: integer('Total attempts including the first (1 = no retry).', { minimum: 1, maximum: 100 }),
    backoff: string('How the delay grows between attempts (default exponential).', {
      enum: ['constant', 'exponential'],
    }),
    delay: ref('duration', 'Delay before the second attempt (default 200ms).'),
    maxDelay: ref('duration', 'Upper bound of the delay with exponential backoff.'),
    jitter: {
      description: 'Randomise the delay: true = full jitter, or a fraction between 0 and 1.',
      oneOf: [{ type: 'boolean' }, { type: 'number', minimum: 0, maximum: 1 }],
    },
    on: arrayOf('Error codes to retry; default every error marked retryable.', {
      type: 'string',
      pattern: errorCodePattern,
    }),
  },
  ['maxAttempts'],
);

const secret: SchemaObject = {
  description: 'A secret: `${{ env.NAME }}` or `{ secretRef: NAME }`, never a literal.',
  'x-weft-secret': true,
  oneOf: [
    { type: 'string', pattern: envRefPattern },
    closedObject(
      'A reference to a secret by name.',
      { secretRef: string('The secret name.', { pattern: envNamePattern }) },
      ['secretRef'],
    ),
  ],
};

/** HTTP authentication, shared by Integration `auth` and the Tool `http` executor. */
const httpAuth: SchemaObject = {
  description: 'How requests authenticate.',
  oneOf: [
    closedObject(
      'Bearer token authentication.',
      {
        type: string('Bearer token authentication.', { const: 'bearer' }),
        token: ref('secret', 'The bearer token.'),
      },
      ['type', 'token'],
    ),
    closedObject(
      'An API key in a header or query parameter.',
      {
        type: string('API key authentication.', { const: 'apiKey' }),
        in: string('Where the key is sent.', { enum: ['header', 'query'] }),
        name: string('The header or query parameter name.', { minLength: 1 }),
        value: ref('secret', 'The API key.'),
      },
      ['type', 'in', 'name', 'value'],
    ),
    closedObject(
      'HTTP basic authentication.',
      {
        type: string('Basic authentication.', { const: 'basic' }),
        username: string('The user name.', { minLength: 1 }),
        password: ref('secret', 'The password.'),
      },
      ['type', 'username', 'password'],
    ),
    closedObject(
      'OAuth 2 client credentials.',
      {
        type: string('OAuth 2 client-credentials authentication.', { const: 'oauth2' }),
        tokenUrl: string('The token endpoint.', { format: 'uri' }),
        clientId: string('The client id.', { minLength: 1 }),
        clientSecret: ref('secret', 'The client secret.'),
        scopes: arrayOf('Scopes to request.', { type: 'string' }),
      },
      ['type', 'tokenUrl', 'clientId', 'clientSecret'],
    ),
  ],
};

/**
 * Definitions shared by every kind, keyed by `$defs` name (names are unique across all kinds).
 *
 * @example
 * commonDefs.duration; // { type: 'string', pattern: '^(\\d+(ms|s|m|h|d))+$', ... }
 */
export const commonDefs: Record<string, SchemaObject> = {
  name: string('A kebab-case name, unique per kind.', { pattern: namePattern, maxLength: 63 }),
  toolName: string('A tool name, or an integration action `<integration>.<action>`.', {
    pattern: toolNamePattern,
    maxLength: 127,
  }),
  semver: string('A semantic version (1.0.0).', { pattern: semverPattern }),
  duration: string('A duration: 250ms, 5s, 10m, 2h, 7d or combined (1h30m).', { pattern: durationPattern }),
  byteSize: string('A size in bytes: 512kb, 1mb.', { pattern: byteSizePattern }),
  model: string('A model reference `provider:model` (openai:gpt-4o-mini).', { pattern: modelPattern }),
  envName: string('An environment variable name.', { pattern: envNamePattern }),
  secret,
  envString: {
    description: 'A string, or `${{ env.NAME }}` read from the environment at start-up.',
    type: 'string',
    minLength: 1,
    'x-weft-env': true,
  },
  celExpression: string('A CEL expression (no `${{ }}`), checked at compile time.', { minLength: 1 }),
  template: string('A Handlebars template (strict; helpers if, unless, each, with).'),
  value: { description: 'Any JSON value; strings may embed `${{ reference or CEL }}` expressions.' },
  labels: mapOf(
    'Free string labels.',
    { type: 'string' },
    { propertyNames: { pattern: '^[a-z][a-z0-9_./-]*$' } },
  ),
  metadata: closedObject(
    'Identity of the manifest.',
    {
      name: ref('name', 'The manifest name: kebab-case, at most 63 characters, unique per kind.'),
      version: ref('semver', 'An optional semantic version.'),
      description: string('What this manifest is for.'),
      labels: ref('labels', 'Free string labels (team, owner...).'),
    },
    ['name'],
  ),
  retryPolicy,
  dataSchema,
  httpMethod: string('An HTTP method.', { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] }),
  httpAuth,
  valueMap: mapOf('Named values; strings may embed `${{ }}` expressions.', { $ref: '#/$defs/value' }),
};

/**
 * The envelope properties of a manifest of one kind, with its `spec` definition.
 *
 * @example
 * envelope('Workflow', 'workflowSpec'); // { apiVersion, kind, metadata, spec }
 */
export function envelope(kind: string, specDef: string, description: string): SchemaObject {
  return closedObject(
    description,
    {
      apiVersion: string('The manifest language version.', { const: 'weft/v1' }),
      kind: string('The manifest kind.', { const: kind }),
      metadata: ref('metadata', 'Name, version, description and labels.'),
      spec: ref(specDef, `The ${kind} specification.`),
    },
    ['apiVersion', 'kind', 'metadata', 'spec'],
  );
}
