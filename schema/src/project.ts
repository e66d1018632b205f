// biome-ignore-all lint/suspicious/noTemplateCurlyInString: descriptions quote the `${{ }}` expression syntax.
import { envelope, envRefPattern } from './common.js';
import {
  arrayOf,
  boolean,
  closedObject,
  integer,
  mapOf,
  ref,
  type SchemaObject,
  string,
} from './schema-object.js';

const freeConfig: SchemaObject = mapOf(
  "Adapter options, free-form here and checked by the plugin's config schema.",
  {
    description: 'An option value.',
  },
);

const port: SchemaObject = {
  description: 'The TCP port, or `${{ env.PORT }}`.',
  'x-weft-env': true,
  oneOf: [
    { type: 'integer', minimum: 0, maximum: 65535 },
    { type: 'string', pattern: envRefPattern },
  ],
};

const server = closedObject('The hosted runtime API.', {
  host: ref('envString', 'The address to listen on (default 127.0.0.1); non-loopback requires auth.'),
  port,
  auth: closedObject(
    'API keys; requests send `Authorization: Bearer <key>`.',
    {
      keys: arrayOf(
        'The accepted keys.',
        closedObject(
          'One API key.',
          {
            name: ref('name', 'A name for the key (shown in logs, never the key).'),
            key: ref('secret', 'The key value.'),
            scopes: arrayOf(
              'Route groups the key may use (`workflows:run`, `agents:*`, `*`).',
              { type: 'string', pattern: '^(\\*|[a-z]+:(\\*|[a-z-]+))$' },
              { uniqueItems: true },
            ),
          },
          ['name', 'key'],
        ),
        { minItems: 1 },
      ),
    },
    ['keys'],
  ),
  cors: closedObject(
    'Cross-origin requests.',
    { origins: arrayOf('Allowed origins.', { type: 'string', minLength: 1 }) },
    ['origins'],
  ),
  rateLimit: closedObject(
    'Requests per key and window.',
    {
      max: integer('Requests allowed per window.', { minimum: 1 }),
      window: ref('duration', 'The window length.'),
    },
    ['max', 'window'],
  ),
  bodyLimit: ref('byteSize', 'The largest request body (default 1mb).'),
});

/**
 * `$defs` of the Project kind (`weft.yaml`).
 *
 * @example
 * projectDefs.projectSpec.properties; // storage, vector, providers, models, plugins, http, server, defaults
 */
export const projectDefs: Record<string, SchemaObject> = {
  projectManifest: envelope(
    'Project',
    'projectSpec',
    'The Project manifest (`weft.yaml`): project-wide settings.',
  ),
  projectSpec: closedObject('Project-wide settings.', {
    storage: closedObject(
      'Where runs, threads and messages are stored (default pglite in .weft/data).',
      {
        adapter: string('pglite, postgres, memory, or a plugin-registered adapter name.', { minLength: 1 }),
        dataDir: string('The data folder of pglite, relative to the project.', { minLength: 1 }),
        url: ref('secret', 'The connection URL (postgres).'),
        config: freeConfig,
      },
      ['adapter'],
    ),
    vector: closedObject(
      'The vector store (default pgvector on the same storage).',
      {
        adapter: string('pgvector, memory, or a plugin-registered adapter name.', { minLength: 1 }),
        url: ref('secret', 'The connection URL.'),
        config: freeConfig,
      },
      ['adapter'],
    ),
    providers: arrayOf(
      'Model providers beyond the built-in `openai`.',
      closedObject(
        'A model provider.',
        {
          name: ref('name', 'The provider name used in `provider:model`.'),
          type: string('The provider protocol.', { enum: ['openai', 'openai-compatible'] }),
          baseURL: ref('envString', 'The API base URL, including `/v1`.'),
          apiKey: ref('secret', 'The API key.'),
        },
        ['name', 'type'],
      ),
    ),
    models: closedObject('Default models.', {
      default: ref('model', 'The model of agents without `model`.'),
      embedding: ref('model', 'The embedder of knowledge bases and semantic recall.'),
    }),
    plugins: arrayOf(
      'Plugins: paths relative to weft.yaml, or package names.',
      { type: 'string', minLength: 1 },
      {
        uniqueItems: true,
      },
    ),
    http: closedObject('Outbound HTTP policy of http tools and integrations.', {
      allowHosts: arrayOf('Hosts that may be called (`*.example.com` wildcards).', {
        type: 'string',
        minLength: 1,
      }),
      allowPrivate: boolean('Whether private and loopback addresses may be called (default false).'),
    }),
    server,
    defaults: closedObject('Defaults of every workflow.', {
      retry: ref('retryPolicy', 'The default retry policy (default `{ maxAttempts: 1 }`).'),
      stepTimeout: ref('duration', 'The default step timeout.'),
      stepOutputLimit: ref('byteSize', 'The largest step output stored (default 1mb).'),
    }),
  }),
};
