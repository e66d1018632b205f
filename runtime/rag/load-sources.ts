import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValueV1, KnowledgeGraphV1 } from '../spec/v1/graph.js';
import type { VectorMetadataV1 } from '../spec/v1/vector-store.js';
import { findSourceFiles } from './find-source-files.js';
import type { KnowledgeDocument } from './knowledge-types.js';
import { loadFileDocument } from './load-file-document.js';

/**
 * Loads every document a knowledge base's sources list: each file matching a `files` glob
 * (relative to the manifest's folder, `baseDir` in the compiled graph, itself relative to the
 * project folder) becomes a document whose id is its path relative to the manifest's folder
 * (`help-center/refunds.md`); each inline source is a document with its own id. A file matched by
 * two globs is loaded once (the first source's metadata). Every file is parsed before anything is
 * returned, so a `DOCUMENT_PARSE_FAILED` stops an ingest before it writes.
 *
 * @example
 * const documents = await loadSources(weft.graph.knowledge['help-center'], '/srv/project');
 */
export async function loadSources(
  knowledge: KnowledgeGraphV1,
  projectDir: string,
): Promise<KnowledgeDocument[]> {
  const documents = new Map<string, KnowledgeDocument>();
  for (const source of knowledge.sources) {
    const metadata = asMetadata(source.metadata);
    if (source.type === 'text') {
      if (!documents.has(source.id))
        documents.set(
          source.id,
          metadata === undefined
            ? { id: source.id, text: source.text }
            : { id: source.id, text: source.text, metadata },
        );
      continue;
    }
    const baseDir = join(projectDir, source.baseDir);
    for (const path of await findSourceFiles(baseDir, source.glob)) {
      if (documents.has(path)) continue;
      documents.set(path, loadFileDocument(path, await readFile(join(baseDir, path)), metadata));
    }
  }
  return [...documents.values()];
}

function asMetadata(value: JsonValueV1 | undefined): VectorMetadataV1 | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as VectorMetadataV1)
    : undefined;
}
