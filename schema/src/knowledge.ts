import { envelope } from './common.js';
import { arrayOf, closedObject, integer, ref, type SchemaObject, string } from './schema-object.js';

const source: SchemaObject = {
  description: 'A source of documents: files matching a glob, or an inline text.',
  oneOf: [
    closedObject(
      'Files (markdown, text, html, json); each file is one document.',
      {
        files: string('A glob relative to this manifest (`help-center/*.md`).', { minLength: 1 }),
        metadata: ref('valueMap', 'Metadata added to every chunk.'),
      },
      ['files'],
    ),
    closedObject(
      'An inline text, one document.',
      {
        id: string('The document id.', { minLength: 1 }),
        text: string('The text.', { minLength: 1 }),
        metadata: ref('valueMap', 'Metadata added to every chunk.'),
      },
      ['id', 'text'],
    ),
  ],
};

/**
 * `$defs` of the Knowledge kind.
 *
 * @example
 * knowledgeDefs.knowledgeSpec.required; // ['sources']
 */
export const knowledgeDefs: Record<string, SchemaObject> = {
  knowledgeManifest: envelope(
    'Knowledge',
    'knowledgeSpec',
    'A Knowledge manifest: documents indexed for search.',
  ),
  knowledgeSpec: closedObject(
    'The knowledge base.',
    {
      sources: arrayOf('Where the documents come from.', source, { minItems: 1 }),
      chunking: closedObject('How documents are split.', {
        strategy: string('The splitter (default recursive).', {
          enum: ['recursive', 'markdown', 'sentence', 'token'],
        }),
        size: integer('Target chunk size in characters (tokens for `token`), default 800.', { minimum: 1 }),
        overlap: integer('Overlap between chunks, default 100.', { minimum: 0 }),
      }),
      embedder: ref('model', "The embedding model (default the project's models.embedding)."),
      index: string('The vector index name (default the knowledge name with _ for -).', {
        pattern: '^[a-z_][a-z0-9_]*$',
        maxLength: 63,
      }),
      store: string("The vector adapter (default the project's).", { minLength: 1 }),
    },
    ['sources'],
  ),
};
