import { dirname } from 'node:path';
import type { KnowledgeGraphV1 } from '../../runtime/spec/v1/graph.js';
import { schemaId } from '../../schema/index.js';
import type { Reporter } from '../check/reporter.js';
import { type LinkIndex, linkModel } from '../link/link-index.js';
import type { KnowledgeSpec } from '../manifest-types.js';
import type { ParsedManifest } from '../model.js';

/** The `$id` of the schema this transform implements. */
export const knowledgeSchemaId = schemaId('Knowledge');

/**
 * Normalises a Knowledge base: file globs keep their folder (relative to the project, `/`
 * separators), chunking defaults (recursive, 800, 100), the embedder defaulted from the project
 * (`local:hash-384` without one) and linked, the index name defaulted (`help-center` ->
 * `help_center`).
 *
 * @example
 * normalizeKnowledge(manifest, reporter, index, undefined).index; // 'help_center'
 */
export function normalizeKnowledge(
  manifest: ParsedManifest<KnowledgeSpec>,
  reporter: Reporter,
  index: LinkIndex,
  defaultEmbedder: string | undefined,
): KnowledgeGraphV1 {
  const spec = manifest.value.spec;
  const embedder = spec.embedder ?? defaultEmbedder ?? 'local:hash-384';
  linkModel(embedder, spec.embedder === undefined ? '/spec' : '/spec/embedder', reporter, index);
  const baseDir = dirname(manifest.file).replace(/\\/g, '/');
  const description = manifest.value.metadata.description;
  return {
    name: manifest.name,
    ...(description === undefined ? {} : { description }),
    sources: spec.sources.map((source) =>
      'files' in source
        ? {
            type: 'files' as const,
            glob: source.files,
            baseDir,
            ...(source.metadata === undefined ? {} : { metadata: source.metadata }),
          }
        : {
            type: 'text' as const,
            id: source.id,
            text: source.text,
            ...(source.metadata === undefined ? {} : { metadata: source.metadata }),
          },
    ),
    chunking: {
      strategy: spec.chunking?.strategy ?? 'recursive',
      size: spec.chunking?.size ?? 800,
      overlap: spec.chunking?.overlap ?? 100,
    },
    embedder,
    index: spec.index ?? manifest.name.replace(/-/g, '_'),
    ...(spec.store === undefined ? {} : { store: spec.store }),
  };
}
